package dev.helpdesk.operator.dependent;

import dev.helpdesk.operator.api.HelpDesk;

/** Deterministic names, so a restarted operator finds what it made instead of making it again. */
public final class Names {
    private Names() {}

    public static String app(HelpDesk hd) { return hd.getMetadata().getName() + "-app"; }

    /** The HelpDesk's PrometheusRule. */
    public static String alerts(HelpDesk hd) { return hd.getMetadata().getName() + "-alerts"; }
    public static String worker(HelpDesk hd) { return hd.getMetadata().getName() + "-worker"; }
    public static String postgres(HelpDesk hd) { return hd.getMetadata().getName() + "-postgres"; }
    public static String redis(HelpDesk hd) { return hd.getMetadata().getName() + "-redis"; }
    public static String config(HelpDesk hd) { return hd.getMetadata().getName() + "-config"; }
    public static String secrets(HelpDesk hd) { return hd.getMetadata().getName() + "-secrets"; }
    public static String admin(HelpDesk hd) { return hd.getMetadata().getName() + "-admin"; }
    public static String attachments(HelpDesk hd) { return hd.getMetadata().getName() + "-attachments"; }
    public static String serviceAccount(HelpDesk hd) { return hd.getMetadata().getName(); }
    public static String networkPolicy(HelpDesk hd) { return hd.getMetadata().getName() + "-data"; }
    public static String backups(HelpDesk hd) { return hd.getMetadata().getName() + "-backups"; }

    /** The Job that takes backup {@code backup}, and the one that deletes its files. */
    public static String backupJob(String backup) { return bounded(backup, "backup"); }
    public static String deleteBackupJob(String backup) { return bounded(backup, "delete"); }

    /** The safety backup a HelpDeskRestore takes first, and its restore Job. */
    public static String safetyBackup(String restore) { return bounded(restore, "safety"); }
    public static String restoreJob(String restore) { return bounded(restore, "restore"); }

    /**
     * {@code NAME-check-VERSION-HASH}: the {@code migrate --dry-run} of a version against the
     * database as it is ({@code schemaVersion} in the hash: a changed database is asked again).
     */
    public static String versionCheck(HelpDesk hd, String version, String schemaVersion) {
        return readable(hd.getMetadata().getName() + "-check-" + version, "-" + dev.helpdesk.operator.reconciler.Applier
                .hashOf(version, schemaVersion).substring(0, 6));
    }

    /** {@code NAME-pre-upgrade-VERSION-HASH}: one per target version and retry request. */
    public static String preUpgradeBackup(HelpDesk hd, String version, String retryRequest) {
        return readable(hd.getMetadata().getName() + "-pre-upgrade-" + version, "-" + dev.helpdesk.operator.reconciler.Applier
                .hashOf(version, retryRequest).substring(0, 6));
    }

    /** The Job that lifts the write freeze taken with pre-upgrade backup {@code backup}. */
    public static String unfreeze(String backup) { return bounded(backup, "unfreeze"); }

    /** The HelpDeskRestore an automatic rollback from {@code version} applies (one per failed version and attempt). */
    public static String rollbackRestore(HelpDesk hd, String version, String backup) {
        return readable(hd.getMetadata().getName() + "-rollback-" + version, "-" + dev.helpdesk.operator.reconciler.Applier
                .hashOf(version, backup).substring(0, 6));
    }

    /** {@code NAME-YYYYMMDD-HHMMSS} (UTC) of the scheduled run: a restarted operator finds the one it made. */
    public static String scheduledBackup(HelpDesk hd, java.time.Instant due) {
        return hd.getMetadata().getName() + "-" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(java.time.ZoneOffset.UTC).format(due);
    }

    /** {@code base-suffix} as a label-safe name (63 characters): a long base is cut and a hash of it keeps it unique. */
    private static String bounded(String base, String suffix) {
        String name = base + "-" + suffix;
        return name.length() <= 63 ? name
                : readable(base, "-" + dev.helpdesk.operator.reconciler.Applier.hashOf(base).substring(0, 6) + "-" + suffix);
    }

    private static String readable(String text, String suffix) {
        String readable = text.toLowerCase().replaceAll("[^a-z0-9-]", "-");
        int room = 63 - suffix.length();
        if (readable.length() > room) {
            readable = readable.substring(0, room);
        }
        return readable.replaceAll("-+$", "") + suffix;
    }

    /**
     * {@code NAME-migrate-VERSION-HASH-ATTEMPT}: readable version, a short hash of the exact version
     * string (1.0.0-rc.1 and 1.0.0-rc-1 read alike) and the attempt, within 63 characters.
     */
    public static String migration(HelpDesk hd, String version, int attempt) {
        return migration(hd.getMetadata().getName(), version, attempt);
    }

    public static String migration(String helpDesk, String version, int attempt) {
        return readable(helpDesk + "-migrate-" + version, "-" + dev.helpdesk.operator.reconciler.Applier.hashOf(version).substring(0, 6)
                + "-" + attempt);
    }

    /** The Secret holding a new admin password until the reset Job applied it, and that Job: keyed by the request's value. */
    public static String adminReset(HelpDesk hd, String request) {
        return hd.getMetadata().getName() + "-admin-reset-" + dev.helpdesk.operator.reconciler.Applier.hashOf(request).substring(0, 6);
    }

    public static String appUrl(HelpDesk hd) {
        return "http://" + app(hd) + "." + hd.getMetadata().getNamespace() + ".svc:8080";
    }
}
