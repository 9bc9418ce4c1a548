package dev.helpdesk.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import java.util.List;

/** Desired state of one helpdesk installation; every section but version has working defaults. */
public class HelpDeskSpec {
    public static final String SEMVER = "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?$";

    @Required
    @Pattern(SEMVER)
    @JsonPropertyDescription("Application version to run, a semantic version like 1.0.0; it is also the image tag.")
    public String version;

    @Default("ghcr.io/helpdesk-dev/helpdesk-app")
    @JsonPropertyDescription("Image repository of the app; the tag is the version.")
    public String image = "ghcr.io/helpdesk-dev/helpdesk-app";

    @JsonPropertyDescription("Secrets for pulling the image from a private registry.")
    public List<LocalObjectReference> imagePullSecrets;

    @JsonPropertyDescription("The web and API pods.")
    public AppSpec app = new AppSpec();

    @JsonPropertyDescription("The background worker pods.")
    public WorkerSpec worker = new WorkerSpec();

    @JsonPropertyDescription("PostgreSQL: managed by the operator (default) or external. Exactly one of the two.")
    public DatabaseSpec database = new DatabaseSpec();

    @JsonPropertyDescription("Redis: managed by the operator (default) or external. Exactly one of the two.")
    public RedisSpec redis = new RedisSpec();

    @JsonPropertyDescription("Notification email.")
    public EmailSpec email = new EmailSpec();

    @JsonPropertyDescription("Attachment limits and storage.")
    public AttachmentsSpec attachments = new AttachmentsSpec();

    @JsonPropertyDescription("SLA reminder and scan timing.")
    public SlaSpec sla = new SlaSpec();

    @JsonPropertyDescription("Request rate limiting.")
    public RateLimitSpec rateLimit = new RateLimitSpec();

    @JsonPropertyDescription("Ticket spam guard.")
    public SpamGuardSpec spamGuard = new SpamGuardSpec();

    @JsonPropertyDescription("Ingress for the app.")
    public IngressSpec ingress = new IngressSpec();

    @JsonPropertyDescription("Backup schedule and retention.")
    public BackupSpec backup = new BackupSpec();

    @JsonPropertyDescription("Upgrade behaviour.")
    public UpgradeSpec upgrade = new UpgradeSpec();

    @JsonPropertyDescription("Prometheus integration.")
    public MonitoringSpec monitoring = new MonitoringSpec();
}
