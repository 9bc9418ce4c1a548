package dev.helpdesk.operator.delivery;

import dev.helpdesk.operator.api.DatabaseSpec;
import dev.helpdesk.operator.api.HelpDeskSpec;
import dev.helpdesk.operator.dependent.PostgresDependents;
import dev.helpdesk.operator.dependent.RedisDependents;
import io.fabric8.generator.annotation.Pattern;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Every image the operator can start, by name: what OLM's relatedImages lists so a disconnected
 * cluster can mirror them all.
 */
public final class RelatedImages {
    private RelatedImages() {}

    /** Name to image, for the operator of this release and the app version it installs by default. */
    public static Map<String, String> of(String operatorImage, String appVersion) {
        Map<String, String> images = new LinkedHashMap<>();
        images.put("helpdesk-operator", operatorImage);
        images.put("helpdesk-app", new HelpDeskSpec().image + ":" + appVersion);
        images.put("redis", RedisDependents.IMAGE);
        for (String major : postgresMajors()) {
            images.put("postgres-" + major, PostgresDependents.image(major));
        }
        return images;
    }

    /** The PostgreSQL majors spec.database.managed.version accepts (its CRD pattern is the one source). */
    public static java.util.List<String> postgresMajors() {
        try {
            String pattern = DatabaseSpec.Managed.class.getField("version").getAnnotation(Pattern.class).value();
            Matcher m = java.util.regex.Pattern.compile("\\d+").matcher(pattern);
            java.util.List<String> majors = new java.util.ArrayList<>();
            while (m.find()) {
                majors.add(m.group());
            }
            return majors;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }
}
