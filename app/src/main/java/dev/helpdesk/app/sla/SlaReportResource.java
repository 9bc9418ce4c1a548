package dev.helpdesk.app.sla;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import dev.helpdesk.app.auth.CurrentActor;
import dev.helpdesk.app.db.Db;
import dev.helpdesk.app.db.Sql;
import dev.helpdesk.app.web.DateOrTime;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** SLA achievement for tickets created in a time range. */
@Tag(name = "SLA")
@Path("/api/v1/sla/report")
@Produces(MediaType.APPLICATION_JSON)
public class SlaReportResource {
    // a pending clock whose deadline passed counts as breached even before a scan has stored that
    private static final String OUTCOME = "CASE WHEN s.status IN ('active', 'at_risk') AND s.due_at < now() THEN 'breached' ELSE s.status END";
    private final Db db;
    private final CurrentActor current;

    public SlaReportResource(Db db, CurrentActor current) {
        this.db = db;
        this.current = current;
    }

    @Schema(name = "SlaReportRow")
    public record Row(String metric, String priority, long met, long breached, @Schema(nullable = true) Double achievementPercent) {}

    /** Null while no clock of the kind has finished in the range. */
    @Schema(name = "SlaDurations")
    public record Durations(@Schema(nullable = true) Double medianMinutes, @Schema(nullable = true) Double p90Minutes) {}

    @Schema(name = "SlaReport")
    public record Report(Instant from, Instant to, List<Row> targets, Durations firstResponse, Durations resolution, long breached) {}

    @Operation(operationId = "slaReport", summary = "SLA achievement for tickets created in a range (agents)")
    @Extension(name = "x-errors", value = "403 Agents and admins only")
    @GET
    public Report report(@QueryParam("from") @Parameter(description = "tickets created from (default: 30 days ago)") DateOrTime from,
                         @QueryParam("to") @Parameter(description = "tickets created before; a date includes that day (default: now)") DateOrTime to) {
        current.require().requireStaff();
        Instant f = from != null ? from.lowerBound() : Instant.now().minus(30, ChronoUnit.DAYS);
        Instant t = to != null ? to.upperBound() : Instant.now();
        return db.read(c -> {
            List<Row> rows = Sql.list(c, "SELECT s.metric, t.priority, "
                    + "count(*) FILTER (WHERE " + OUTCOME + " = 'met') AS met, count(*) FILTER (WHERE " + OUTCOME + " = 'breached') AS breached "
                    + "FROM ticket_sla s JOIN tickets t ON t.id = s.ticket_id WHERE t.created_at >= ? AND t.created_at < ? "
                    + "GROUP BY s.metric, t.priority ORDER BY s.metric, array_position(ARRAY['low','normal','high','urgent']::varchar[], t.priority)",
                    rs -> {
                        long met = rs.getLong("met");
                        long breached = rs.getLong("breached");
                        return new Row(rs.getString("metric"), rs.getString("priority"), met, breached,
                                met + breached == 0 ? null : Math.round(1000.0 * met / (met + breached)) / 10.0);
                    }, f, t);
            return new Report(f, t, rows, durations(c, "first_response", f, t), durations(c, "resolution", f, t),
                    rows.stream().mapToLong(Row::breached).sum());
        });
    }

    private static Durations durations(java.sql.Connection c, String metric, Instant f, Instant t) throws java.sql.SQLException {
        return Sql.one(c, "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY s.elapsed_minutes) AS p50, "
                + "percentile_cont(0.9) WITHIN GROUP (ORDER BY s.elapsed_minutes) AS p90 FROM ticket_sla s JOIN tickets t ON t.id = s.ticket_id "
                + "WHERE s.metric = ? AND s.status IN ('met', 'breached') AND t.created_at >= ? AND t.created_at < ?",
                rs -> new Durations(nullable(rs, "p50"), nullable(rs, "p90")), metric, f, t).orElse(new Durations(null, null));
    }

    private static Double nullable(java.sql.ResultSet rs, String col) throws java.sql.SQLException {
        double d = rs.getDouble(col);
        return rs.wasNull() ? null : d;
    }

}
