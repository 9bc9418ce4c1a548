package dev.helpdesk.app.sla;

import dev.helpdesk.app.audit.AuditLog;
import dev.helpdesk.app.auth.Actor;
import dev.helpdesk.app.auth.CurrentActor;
import dev.helpdesk.app.db.Db;
import dev.helpdesk.app.db.Sql;
import dev.helpdesk.app.ticket.Priority;
import dev.helpdesk.app.web.ApiException;
import dev.helpdesk.app.web.Params;
import dev.helpdesk.app.web.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** SLA policies (admin): ordered; the first whose conditions match a ticket applies. */
@Path("/api/v1/sla-policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SlaPolicyResource {
    private final Db db;
    private final SlaRepository repository;
    private final SlaService sla;
    private final AuditLog audit;
    private final CurrentActor current;

    public SlaPolicyResource(Db db, SlaRepository repository, SlaService sla, AuditLog audit, CurrentActor current) {
        this.db = db;
        this.repository = repository;
        this.sla = sla;
        this.audit = audit;
        this.current = current;
    }

    public record GoalInput(Long minutes, Boolean businessHours) {}

    public record PolicyInput(String name, Integer position, Boolean active, Long calendarId, SlaPolicy.Conditions conditions,
                              Map<String, Map<String, GoalInput>> targets) {}

    @POST
    public Response create(PolicyInput body) {
        Actor actor = current.require().requireAdmin();
        SlaPolicy saved = db.tx(c -> {
            SlaPolicy p = validate(c, 0, body);
            long id = repository.insertPolicy(c, p);
            audit.record(c, "sla_policy", id, null, actor.id(), "created", AuditLog.changes().set("name", p.name()));
            reapply(c, null);
            return repository.policy(c, id).orElseThrow();
        });
        return Response.created(URI.create("/api/v1/sla-policies/" + saved.id())).entity(saved).build();
    }

    @GET
    public List<SlaPolicy> list() {
        current.require().requireStaff();
        return db.read(c -> repository.policies(c, false));
    }

    @GET
    @Path("/{id}")
    public SlaPolicy get(@PathParam("id") String id) {
        current.require().requireStaff();
        long policyId = Params.pathId(id);
        return db.read(c -> repository.policy(c, policyId)).orElseThrow(() -> ApiException.notFound("SLA policy " + policyId));
    }

    /** Replaces the policy; tickets it applied to are re-evaluated (deactivating clears its pending deadlines). */
    @PUT
    @Path("/{id}")
    public SlaPolicy replace(@PathParam("id") String id, PolicyInput body) {
        Actor actor = current.require().requireAdmin();
        long policyId = Params.pathId(id);
        return db.tx(c -> {
            SlaPolicy before = repository.policy(c, policyId).orElseThrow(() -> ApiException.notFound("SLA policy " + policyId));
            SlaPolicy p = validate(c, policyId, body);
            repository.updatePolicy(c, p);
            audit.record(c, "sla_policy", policyId, null, actor.id(), "updated",
                    AuditLog.changes().change("name", before.name(), p.name()).change("active", before.active(), p.active())
                            .change("position", before.position(), p.position()));
            reapply(c, policyId);
            return repository.policy(c, policyId).orElseThrow();
        });
    }

    /** Re-evaluates open tickets: those under {@code policyId}, or (null) those that have no policy yet. */
    private void reapply(Connection c, Long policyId) throws SQLException {
        List<Long> ids = Sql.list(c, "SELECT id FROM tickets WHERE status NOT IN ('closed') AND "
                + (policyId == null ? "sla_policy_id IS NULL" : "sla_policy_id = ?") + " ORDER BY id LIMIT 10000",
                rs -> rs.getLong(1), policyId == null ? new Object[0] : new Object[] {policyId});
        SlaService.Policies policies = sla.policies(c);
        for (long id : ids) {
            sla.refresh(c, id, policies);
        }
    }

    private SlaPolicy validate(Connection c, long id, PolicyInput body) throws SQLException {
        if (body == null) {
            throw ApiException.invalidField("body", "must be a JSON object");
        }
        Validator v = new Validator().required("name", body.name()).maxLength("name", body.name(), 200)
                .required("targets", body.targets())
                .check(body.position() == null || body.position() >= 0, "position", "must be 0 or more");
        if (body.calendarId() != null && repository.calendar(c, body.calendarId()).isEmpty()) {
            v.add("calendarId", "calendar " + body.calendarId() + " does not exist");
        }
        SlaPolicy.Conditions cond = body.conditions() == null ? SlaPolicy.Conditions.none() : body.conditions();
        Map<Priority, Map<SlaMetric, SlaPolicy.Goal>> targets = new EnumMap<>(Priority.class);
        boolean businessHours = false;
        if (body.targets() != null) {
            v.check(!body.targets().isEmpty(), "targets", "at least one priority needs targets");
            for (var byPriority : body.targets().entrySet()) {
                String pf = "targets." + byPriority.getKey();
                Priority priority = v.parse(pf, byPriority.getKey(), Priority::parse);
                Map<SlaMetric, SlaPolicy.Goal> goals = new EnumMap<>(SlaMetric.class);
                for (var byMetric : (byPriority.getValue() == null ? Map.<String, GoalInput>of() : byPriority.getValue()).entrySet()) {
                    String mf = pf + "." + byMetric.getKey();
                    SlaMetric metric = v.parse(mf, byMetric.getKey(), m -> {
                        for (SlaMetric x : SlaMetric.values()) {
                            if (x.toString().equals(m)) {
                                return x;
                            }
                        }
                        throw new IllegalArgumentException("must be first_response, next_response or resolution (got '" + m + "')");
                    });
                    GoalInput g = byMetric.getValue();
                    if (g == null || g.minutes() == null) {
                        v.add(mf + ".minutes", "is required");
                        continue;
                    }
                    v.check(g.minutes() >= 1 && g.minutes() <= 525_600, mf + ".minutes", "must be between 1 and 525600");
                    boolean bh = g.businessHours() == null || g.businessHours();
                    businessHours |= bh;
                    if (metric != null && g.minutes() >= 1) {
                        goals.put(metric, new SlaPolicy.Goal(g.minutes(), bh));
                    }
                }
                if (priority != null) {
                    targets.put(priority, goals);
                }
            }
        }
        v.check(!businessHours || body.calendarId() != null, "calendarId", "is required when a target counts business hours");
        v.throwIfInvalid();
        int position = body.position() != null ? body.position()
                : (int) Sql.count(c, "SELECT COALESCE(max(position) + 1, 0) FROM sla_policies");
        return new SlaPolicy(id, body.name().trim(), position, body.active() == null || body.active(), body.calendarId(), cond,
                targets, null, null);
    }
}
