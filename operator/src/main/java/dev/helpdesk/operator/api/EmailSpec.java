package dev.helpdesk.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** Outgoing notification email through SMTP. */
@ValidationRule(value = "!self.enabled || (has(self.from) && self.from != '' && has(self.smtp) && has(self.smtp.host) && self.smtp.host != '')",
        message = "email: when enabled, from and smtp.host are required")
public class EmailSpec {
    @Default("false")
    @JsonPropertyDescription("Send notification email (EMAIL_ENABLED).")
    public Boolean enabled = false;

    @JsonPropertyDescription("Sender address (SMTP_FROM), e.g. support@example.com.")
    public String from;

    @JsonPropertyDescription("SMTP server.")
    public Smtp smtp;

    public static class Smtp {
        @JsonPropertyDescription("SMTP host (SMTP_HOST).")
        public String host;

        @Default("587")
        @Min(1)
        @Max(65535)
        @JsonPropertyDescription("SMTP port (SMTP_PORT).")
        public Integer port = 587;

        @JsonPropertyDescription("Secret with keys username and password (SMTP_USER, SMTP_PASSWORD); none for an open relay.")
        public SecretRef secretRef;
    }
}
