package dev.helpdesk.operator.dependent;

import dev.helpdesk.operator.api.HelpDesk;

/** Deterministic names, so a restarted operator finds what it made instead of making it again. */
public final class Names {
    private Names() {}

    public static String app(HelpDesk hd) { return hd.getMetadata().getName() + "-app"; }
    public static String worker(HelpDesk hd) { return hd.getMetadata().getName() + "-worker"; }
    public static String postgres(HelpDesk hd) { return hd.getMetadata().getName() + "-postgres"; }
    public static String redis(HelpDesk hd) { return hd.getMetadata().getName() + "-redis"; }
    public static String config(HelpDesk hd) { return hd.getMetadata().getName() + "-config"; }
    public static String secrets(HelpDesk hd) { return hd.getMetadata().getName() + "-secrets"; }
    public static String admin(HelpDesk hd) { return hd.getMetadata().getName() + "-admin"; }
    public static String attachments(HelpDesk hd) { return hd.getMetadata().getName() + "-attachments"; }
    public static String serviceAccount(HelpDesk hd) { return hd.getMetadata().getName(); }
    public static String networkPolicy(HelpDesk hd) { return hd.getMetadata().getName() + "-data"; }

    /**
     * {@code NAME-migrate-VERSION-HASH-ATTEMPT}: readable version, a short hash of the exact version
     * string (1.0.0-rc.1 and 1.0.0-rc-1 read alike) and the attempt, within 63 characters.
     */
    public static String migration(HelpDesk hd, String version, int attempt) {
        return migration(hd.getMetadata().getName(), version, attempt);
    }

    public static String migration(String helpDesk, String version, int attempt) {
        String suffix = "-" + dev.helpdesk.operator.reconciler.Applier.hashOf(version).substring(0, 6) + "-" + attempt;
        String readable = helpDesk + "-migrate-" + version.toLowerCase().replaceAll("[^a-z0-9-]", "-");
        int room = 63 - suffix.length();
        if (readable.length() > room) {
            readable = readable.substring(0, room);
        }
        return readable.replaceAll("-+$", "") + suffix;
    }

    /** The Secret holding a new admin password until the reset Job applied it, and that Job: keyed by the request's value. */
    public static String adminReset(HelpDesk hd, String request) {
        return hd.getMetadata().getName() + "-admin-reset-" + dev.helpdesk.operator.reconciler.Applier.hashOf(request).substring(0, 6);
    }

    public static String appUrl(HelpDesk hd) {
        return "http://" + app(hd) + "." + hd.getMetadata().getNamespace() + ".svc:8080";
    }
}
