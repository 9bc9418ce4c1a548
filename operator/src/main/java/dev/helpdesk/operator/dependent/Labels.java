package dev.helpdesk.operator.dependent;

import dev.helpdesk.operator.api.HelpDesk;
import java.util.LinkedHashMap;
import java.util.Map;

/** The recommended app.kubernetes.io labels; selectors use only the stable ones. */
public final class Labels {
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String OPERATOR = "helpdesk-operator";
    public static final String SELECTOR = MANAGED_BY + "=" + OPERATOR;
    public static final String COMPONENT = "app.kubernetes.io/component";

    private Labels() {}

    public static Map<String, String> of(HelpDesk hd, String component) {
        Map<String, String> labels = new LinkedHashMap<>(selector(hd, component));
        labels.put(MANAGED_BY, OPERATOR);
        labels.put("app.kubernetes.io/version", hd.getSpec().version);
        return labels;
    }

    /** PostgreSQL and Redis carry their own version, not the app's: an app upgrade must not roll them. */
    public static Map<String, String> ofDataService(HelpDesk hd, String component, String version) {
        Map<String, String> labels = new LinkedHashMap<>(selector(hd, component));
        labels.put(MANAGED_BY, OPERATOR);
        labels.put("app.kubernetes.io/version", version);
        return labels;
    }

    /** Never includes the version: selectors are immutable and must survive upgrades. */
    public static Map<String, String> selector(HelpDesk hd, String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "helpdesk");
        labels.put("app.kubernetes.io/instance", hd.getMetadata().getName());
        labels.put(COMPONENT, component);
        return labels;
    }
}
