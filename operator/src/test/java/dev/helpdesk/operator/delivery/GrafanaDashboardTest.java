package dev.helpdesk.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard in docs/monitoring reads only metrics that exist and are documented in docs/operations.md. */
class GrafanaDashboardTest {
    private static final Pattern METRIC = Pattern.compile("\\b(helpdesk_[a-z_]+|http_server_requests_seconds_[a-z]+)\\b");

    @Test
    void everyPanelQueriesDocumentedMetricsThroughTheSelectedDataSource() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("..", "docs", "monitoring", "grafana-dashboard.json").toFile());
        String operations = Files.readString(Path.of("..", "docs", "operations.md"));
        assertThat(dashboard.path("panels")).isNotEmpty();
        for (JsonNode panel : dashboard.path("panels")) {
            String title = panel.path("title").asText();
            assertThat(panel.path("datasource").path("uid").asText()).as(title).isEqualTo("${datasource}");
            assertThat(panel.path("targets")).as(title).isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                assertThat(expr).as(title).contains("$namespace");
                Matcher m = METRIC.matcher(expr);
                assertThat(m.find()).as(title + ": " + expr).isTrue();
                do {
                    // histograms are documented by their base name
                    String documented = m.group(1).replaceFirst("^(http_server_requests_seconds)_(count|bucket|sum)$", "$1");
                    assertThat(operations).as(title + " reads " + m.group(1) + ", which docs/operations.md must name").contains("`" + documented);
                } while (m.find());
            }
        }
    }
}
