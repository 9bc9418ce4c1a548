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

    /** Job names carry the version (dots become dashes: names are DNS labels). */
    public static String migration(HelpDesk hd, String version) {
        String name = hd.getMetadata().getName() + "-migrate-" + version.toLowerCase().replaceAll("[^a-z0-9-]", "-");
        return name.length() <= 63 ? name : name.substring(0, 63).replaceAll("-+$", "");
    }

    public static String appUrl(HelpDesk hd) {
        return "http://" + app(hd) + "." + hd.getMetadata().getNamespace() + ".svc:8080";
    }
}
