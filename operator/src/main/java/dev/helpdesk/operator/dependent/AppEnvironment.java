package dev.helpdesk.operator.dependent;

import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.api.HelpDeskSpec;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.ArrayList;
import java.util.List;

/** Environment of every app-image container: ConfigMap values plus secrets by reference, never by value. */
public final class AppEnvironment {
    private AppEnvironment() {}

    public static List<EnvFromSource> fromConfigMap(HelpDesk hd) {
        return List.of(new EnvFromSourceBuilder().withNewConfigMapRef().withName(Names.config(hd)).endConfigMapRef().build());
    }

    public static List<EnvVar> secrets(HelpDesk hd) {
        HelpDeskSpec s = hd.getSpec();
        List<EnvVar> env = new ArrayList<>();
        if (s.database.usesExternal()) {
            env.add(fromSecret("DATABASE_URL", s.database.external.secretRef.name, keyOr(s.database.external.secretRef.key), false));
        } else {
            env.add(fromSecret("DATABASE_PASSWORD", Names.secrets(hd), GeneratedSecretDependent.DATABASE_PASSWORD, false));
            env.add(new EnvVar("DATABASE_URL", "postgresql://helpdesk:$(DATABASE_PASSWORD)@" + Names.postgres(hd) + ":5432/helpdesk", null));
        }
        if (s.redis.usesExternal()) {
            env.add(fromSecret("REDIS_URL", s.redis.external.secretRef.name, keyOr(s.redis.external.secretRef.key), false));
        } else {
            env.add(fromSecret("REDIS_PASSWORD", Names.secrets(hd), GeneratedSecretDependent.REDIS_PASSWORD, false));
            env.add(new EnvVar("REDIS_URL", "redis://:$(REDIS_PASSWORD)@" + Names.redis(hd) + ":6379", null));
        }
        env.add(fromSecret("HELPDESK_SECRET", Names.secrets(hd), GeneratedSecretDependent.SIGNING_KEY, false));
        // read only when the first admin is created: a later deleted admin Secret must not stop pods from starting
        env.add(fromSecret("HELPDESK_ADMIN_EMAIL", Names.admin(hd), AdminSecretDependent.EMAIL, true));
        env.add(fromSecret("HELPDESK_ADMIN_PASSWORD", Names.admin(hd), AdminSecretDependent.PASSWORD, true));
        if (Boolean.TRUE.equals(s.email.enabled) && s.email.smtp != null && s.email.smtp.secretRef != null
                && s.email.smtp.secretRef.name != null && !s.email.smtp.secretRef.name.isEmpty()) {
            env.add(fromSecret("SMTP_USER", s.email.smtp.secretRef.name, "username", true));
            env.add(fromSecret("SMTP_PASSWORD", s.email.smtp.secretRef.name, "password", true));
        }
        if (s.attachments.storage.usesS3Bucket() && s.attachments.storage.s3.secretRef != null) {
            env.add(fromSecret("STORAGE_S3_ACCESS_KEY", s.attachments.storage.s3.secretRef.name, "accessKey", false));
            env.add(fromSecret("STORAGE_S3_SECRET_KEY", s.attachments.storage.s3.secretRef.name, "secretKey", false));
        }
        return env;
    }

    public static String keyOr(String key) {
        return key == null || key.isEmpty() ? "url" : key;
    }

    private static EnvVar fromSecret(String name, String secret, String key, boolean optional) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef()
                .withName(secret).withKey(key).withOptional(optional ? true : null).endSecretKeyRef().endValueFrom().build();
    }
}
