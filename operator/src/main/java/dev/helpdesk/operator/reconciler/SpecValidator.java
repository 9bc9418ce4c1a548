package dev.helpdesk.operator.reconciler;

import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.api.HelpDeskSpec;
import dev.helpdesk.operator.api.SecretKeyRef;
import dev.helpdesk.operator.dependent.AppEnvironment;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the CRD schema cannot check: referenced Secrets and keys exist and hold usable values.
 * Also returns the referenced data's fingerprint, so a changed Secret rolls the pods.
 */
public final class SpecValidator {
    private final ReferencedSecrets secrets;
    private boolean missingSecret;

    public SpecValidator(ReferencedSecrets secrets) {
        this.secrets = secrets;
    }

    /** {@code missingSecret}: a named Secret does not exist (yet); worth looking again soon, it may be created any moment. */
    public record Result(List<String> problems, String referencedSecretsFingerprint, boolean missingSecret) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    public Result validate(HelpDesk hd) {
        missingSecret = false;
        HelpDeskSpec s = hd.getSpec();
        List<String> problems = new ArrayList<>();
        TreeMap<String, String> seen = new TreeMap<>();
        String ns = hd.getMetadata().getNamespace();
        if (s.database.usesExternal()) {
            requireKey(ns, "spec.database.external.secretRef", s.database.external.secretRef, problems, seen,
                    v -> v.startsWith("postgresql://") || v.startsWith("postgres://") ? null
                            : "must hold a postgresql://user:password@host:5432/db URL");
        }
        if (s.redis.usesExternal()) {
            requireKey(ns, "spec.redis.external.secretRef", s.redis.external.secretRef, problems, seen,
                    v -> v.startsWith("redis://") || v.startsWith("rediss://") ? null : "must hold a redis:// or rediss:// URL");
        }
        if (Boolean.TRUE.equals(s.email.enabled) && s.email.smtp != null && s.email.smtp.secretRef != null
                && s.email.smtp.secretRef.name != null && !s.email.smtp.secretRef.name.isEmpty()) {
            requireSecret(ns, "spec.email.smtp.secretRef", s.email.smtp.secretRef.name, List.of("username", "password"), problems, seen);
        }
        if (s.attachments.storage.usesS3Bucket()) {
            if (s.attachments.storage.s3.secretRef == null || s.attachments.storage.s3.secretRef.name == null) {
                problems.add("spec.attachments.storage.s3.secretRef: a Secret with accessKey and secretKey is required for S3");
            } else {
                requireSecret(ns, "spec.attachments.storage.s3.secretRef", s.attachments.storage.s3.secretRef.name,
                        List.of("accessKey", "secretKey"), problems, seen);
            }
        }
        if (dev.helpdesk.operator.lifecycle.BackupSchedule.isSet(s.backup.schedule)) {
            dev.helpdesk.operator.lifecycle.BackupSchedule.problem(s.backup.schedule).ifPresent(p -> problems.add("spec." + p));
        }
        if (s.backup.target.usesS3Bucket()) {
            if (s.backup.target.s3.secretRef == null || s.backup.target.s3.secretRef.name == null) {
                problems.add("spec.backup.target.s3.secretRef: a Secret with accessKey and secretKey is required for S3");
            } else {
                // checked, not fingerprinted: only backup Jobs use it, a change of it must not roll the app
                requireSecret(ns, "spec.backup.target.s3.secretRef", s.backup.target.s3.secretRef.name, List.of("accessKey", "secretKey"),
                        problems, new TreeMap<>());
            }
        }
        return new Result(problems, Applier.hashOf(seen.toString()), missingSecret);
    }

    private void requireKey(String ns, String field, SecretKeyRef ref, List<String> problems, TreeMap<String, String> seen,
                            java.util.function.Function<String, String> check) {
        String key = AppEnvironment.keyOr(ref.key);
        Optional<Secret> secret = get(ns, ref.name);
        if (secret.isEmpty()) {
            problems.add(field + ": Secret " + ns + "/" + ref.name + " does not exist");
            return;
        }
        Optional<String> value = value(secret.get(), key);
        if (value.isEmpty()) {
            problems.add(field + ": Secret " + ref.name + " has no key '" + key + "'");
            return;
        }
        String problem = check.apply(value.get().trim());
        if (problem != null) {
            problems.add(field + ": key '" + key + "' of Secret " + ref.name + " " + problem);
        }
        seen.put(ref.name + "/" + key, value.get());
    }

    private void requireSecret(String ns, String field, String name, List<String> keys, List<String> problems,
                               TreeMap<String, String> seen) {
        Optional<Secret> secret = get(ns, name);
        if (secret.isEmpty()) {
            problems.add(field + ": Secret " + ns + "/" + name + " does not exist");
            return;
        }
        for (String key : keys) {
            Optional<String> value = value(secret.get(), key);
            if (value.isEmpty()) {
                problems.add(field + ": Secret " + name + " has no key '" + key + "'");
            } else {
                seen.put(name + "/" + key, value.get());
            }
        }
    }

    private Optional<Secret> get(String ns, String name) {
        Optional<Secret> secret = secrets.get(ns, name);
        missingSecret |= secret.isEmpty();
        return secret;
    }

    private static Optional<String> value(Secret s, String key) {
        if (s.getData() != null && s.getData().get(key) != null) {
            return Optional.of(new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8));
        }
        if (s.getStringData() != null && s.getStringData().get(key) != null) {
            return Optional.of(s.getStringData().get(key));
        }
        return Optional.empty();
    }
}
