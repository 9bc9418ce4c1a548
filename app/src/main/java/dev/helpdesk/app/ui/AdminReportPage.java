package dev.helpdesk.app.ui;

import dev.helpdesk.app.sla.SlaReportResource;
import dev.helpdesk.app.web.DateOrTime;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** SLA achievement for tickets created in a range: the API's report, as a table and an inline SVG bar chart. */
@Path("/admin/sla-report")
@Produces(MediaType.TEXT_HTML)
public class AdminReportPage {
    @Inject @Location("ui/admin-sla-report.html") Template page;
    @Inject AdminGate gate;
    @Inject Pages pages;
    @Inject SlaReportResource reportApi;

    @GET
    public Response report(@QueryParam("from") String from, @QueryParam("to") String to) {
        Response refused = gate.refusal("/admin/sla-report");
        if (refused != null) {
            return refused;
        }
        Map<String, String> errors = new LinkedHashMap<>();
        DateOrTime f = bound(from, "from", errors);
        DateOrTime t = bound(to, "to", errors);
        SlaReportResource.Report report = reportApi.report(errors.containsKey("from") ? null : f, errors.containsKey("to") ? null : t);
        return pages.page(errors.isEmpty() ? 200 : 400, page.data("report", report).data("chart", SlaChart.of(report.targets()))
                .data("from", from == null ? "" : from).data("to", to == null ? "" : to).data("errors", errors)
                .data("firstResponseMedian", minutes(report.firstResponse().medianMinutes()))
                .data("firstResponseP90", minutes(report.firstResponse().p90Minutes()))
                .data("resolutionMedian", minutes(report.resolution().medianMinutes()))
                .data("resolutionP90", minutes(report.resolution().p90Minutes())));
    }

    private static DateOrTime bound(String raw, String field, Map<String, String> errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return DateOrTime.parse(raw.trim());
        } catch (IllegalArgumentException e) {
            errors.put(field, FieldMessages.sentence(e.getMessage()));
            return null;
        }
    }

    private static String minutes(Double m) {
        return m == null ? "—" : PolicyRow.duration(Math.round(m));
    }
}
