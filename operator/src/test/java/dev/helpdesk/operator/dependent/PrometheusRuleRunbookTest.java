package dev.helpdesk.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.operator.api.HelpDesk;
import dev.helpdesk.operator.testing.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every alert of a HelpDesk's PrometheusRule links a runbook section that exists in docs/operations.md and reads documented metrics. */
public class PrometheusRuleRunbookTest {
    /** GitHub's anchor for a Markdown heading: lower case, punctuation dropped, spaces as hyphens. */
    public static String anchor(String heading) {
        return heading.strip().toLowerCase().replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertLinksAnExistingRunbookSection() throws IOException {
        String operations = Files.readString(Path.of("..", "docs", "operations.md"));
        Set<String> anchors = operations.lines().filter(l -> l.startsWith("#"))
                .map(l -> anchor(l.replaceFirst("^#+", ""))).collect(Collectors.toSet());
        HelpDesk hd = Samples.helpDesk("helpdesk-production.yaml", "helpdesk");
        List<Map<String, Object>> rules = PrometheusRuleDependent.desired(hd).get("spec", "groups", 0, "rules");
        assertThat(rules).hasSize(8);
        for (Map<String, Object> rule : rules) {
            String url = ((Map<String, String>) rule.get("annotations")).get("runbook_url");
            assertThat(url).startsWith(PrometheusRuleDependent.RUNBOOKS);
            assertThat(anchors).as(rule.get("alert") + ": " + url + " names a heading of docs/operations.md")
                    .contains(url.substring(url.indexOf('#') + 1));
            assertThat((Map<String, String>) rule.get("labels")).containsKey("severity");
            java.util.regex.Matcher metric = java.util.regex.Pattern.compile("\\bhelpdesk_[a-z_]+").matcher((String) rule.get("expr"));
            while (metric.find()) {
                assertThat(operations).as(rule.get("alert") + " reads " + metric.group() + ", which docs/operations.md must name")
                        .contains("`" + metric.group());
            }
        }
    }

    @Test
    void anchorsAreGitHubs() {
        assertThat(anchor(" Runbook: a migration failed")).isEqualTo("runbook-a-migration-failed");
        assertThat(anchor(" HelpDeskDown")).isEqualTo("helpdeskdown");
    }
}
