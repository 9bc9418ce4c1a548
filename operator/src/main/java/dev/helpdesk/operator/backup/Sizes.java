package dev.helpdesk.operator.backup;

/** Byte counts for humans (kubectl get shows them), in binary units as Kubernetes quantities are. */
public final class Sizes {
    private Sizes() {}

    public static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
