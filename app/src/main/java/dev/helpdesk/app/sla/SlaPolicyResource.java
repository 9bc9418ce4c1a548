package dev.helpdesk.app.sla;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import dev.helpdesk.app.audit.AuditLog;
import dev.helpdesk.app.auth.Actor;
import dev.helpdesk.app.auth.CurrentActor;
import dev.helpdesk.app.db.Db;
import dev.helpdesk.app.db.Sql;
import dev.helpdesk.app.ticket.Priority;
import dev.helpdesk.app.web.ApiException;
import dev.helpdesk.app.web.ETags;
import dev.helpdesk.app.web.Rules;
import jakarta.ws.rs.HeaderParam;
import org.jboss.resteasy.reactive.RestResponse;
import dev.helpdesk.app.web.Validator;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** SLA policies (admin): ordered; the first whose conditions match a ticket applies. */
@Tag(name = "SLA")
@Path("/api/v1/sla-policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SlaPolicyResource {
    @jakarta.inject.Inject
    dev.helpdesk.app.web.Links links;
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

    static final long MAX_MINUTES = 525_600;

    /** A policy as the admin sends it (POST, PUT). */
    @Schema(example = "{\"name\":\"Standard\",\"calendarId\":1,\"conditions\":{\"priorities\":[\"high\",\"urgent\"]},\"targets\":{\"high\":{\"first_response\":{\"minutes\":60},\"resolution\":{\"minutes\":960}}}}")
    public record PolicyInput(
            @NotBlank @Size(max = Rules.NAME, message = Rules.MAX_CHARS) String name,
            @Min(0) Integer position,
            Boolean active,
            @Positive Long calendarId,
            @Valid ConditionsInput conditions,
            @NotNull @Valid TargetsInput targets) {}

    /** Which tickets the policy applies to: all of the given lists must match; an empty or absent list matches anything. */
    public record ConditionsInput(@Size(max = 4) List<@NotNull Priority> priorities,
                                  @Size(max = 1000) List<@NotNull @Positive Long> organizationIds,
                                  @Size(max = 1000) List<@NotNull @Positive Long> groupIds,
                                  @Size(max = 100) List<@NotNull String> tags) {
        SlaPolicy.Conditions toConditions() {
            return new SlaPolicy.Conditions(orEmpty(priorities), orEmpty(organizationIds), orEmpty(groupIds), orEmpty(tags));
        }

        private static <T> List<T> orEmpty(List<T> list) {
            return list == null ? List.of() : list;
        }
    }

    /** Goals per priority; a priority without goals has no SLA. */
    public record TargetsInput(@Valid GoalsInput low, @Valid GoalsInput normal, @Valid GoalsInput high, @Valid GoalsInput urgent) {
        Map<Priority, GoalsInput> byPriority() {
            Map<Priority, GoalsInput> out = new EnumMap<>(Priority.class);
            java.util.function.BiConsumer<Priority, GoalsInput> put = (p, g) -> {
                if (g != null) {
                    out.put(p, g);
                }
            };
            put.accept(Priority.LOW, low);
            put.accept(Priority.NORMAL, normal);
            put.accept(Priority.HIGH, high);
            put.accept(Priority.URGENT, urgent);
            return out;
        }
    }

    /** The clocks of one priority; an absent clock is not measured. */
    public record GoalsInput(@JsonProperty("first_response") @Valid GoalInput firstResponse,
                             @JsonProperty("next_response") @Valid GoalInput nextResponse,
                             @Valid GoalInput resolution) {
        Map<SlaMetric, GoalInput> byMetric() {
            Map<SlaMetric, GoalInput> out = new EnumMap<>(SlaMetric.class);
            if (firstResponse != null) {
                out.put(SlaMetric.FIRST_RESPONSE, firstResponse);
            }
            if (nextResponse != null) {
                out.put(SlaMetric.NEXT_RESPONSE, nextResponse);
            }
            if (resolution != null) {
                out.put(SlaMetric.RESOLUTION, resolution);
            }
            return out;
        }
    }

    /** Minutes to reach the goal, counted in the calendar's business hours (default) or around the clock. */
    public record GoalInput(@NotNull @Min(1) @Max(MAX_MINUTES) Long minutes, Boolean businessHours) {}

    @Operation(operationId = "createSlaPolicy", summary = "Create an SLA policy (admins)")
    @APIResponse(responseCode = "201", description = "Created; Location names it", content = @Content(mediaType = "application/json", schema = @Schema(implementation = SlaPolicy.class)))
    @Extension(name = "x-errors", value = "403 Admins only")
    @POST
    public Response create(@NotNull(message = "must be a JSON object") @Valid PolicyInput body) {
        Actor actor = current.require().requireAdmin();
        SlaPolicy saved = db.tx(c -> {
            SlaPolicy p = validate(c, 0, body);
            long id = repository.insertPolicy(c, p);
            audit.record(c, "sla_policy", id, null, actor.id(), "created", AuditLog.changes().set("name", p.name()));
            reapply(c, null);
            return repository.policy(c, id).orElseThrow();
        });
        return links.created("/api/v1/sla-policies/" + saved.id()).tag(ETags.of(saved.version())).entity(saved).build();
    }

    @Operation(operationId = "listSlaPolicies", summary = "List SLA policies (agents)")
    @Extension(name = "x-errors", value = "403 Agents and admins only")
    @GET
    public List<SlaPolicy> list() {
        current.require().requireStaff();
        return db.read(c -> repository.policies(c, false));
    }

    @Operation(operationId = "getSlaPolicy", summary = "One SLA policy (agents)")
    @Extension(name = "x-errors", value = "403 Agents and admins only")
    @GET
    @Path("/{id}")
    public RestResponse<SlaPolicy> get(@PathParam("id") long id) {
        current.require().requireStaff();
        SlaPolicy policy = db.read(c -> repository.policy(c, id)).orElseThrow(() -> ApiException.notFound("SLA policy " + id));
        return ETags.ok(policy, policy.version());
    }

    /** Replaces the policy; tickets it applied to are re-evaluated (deactivating clears its pending deadlines). */
    @Operation(operationId = "replaceSlaPolicy", summary = "Replace an SLA policy (admins)")
    @Extension(name = "x-errors", value = "403 Admins only")
    @PUT
    @Path("/{id}")
    public RestResponse<SlaPolicy> replace(@PathParam("id") long id, @HeaderParam(ETags.HEADER) String ifMatch,
                                           @NotNull(message = "must be a JSON object") @Valid PolicyInput body) {
        Actor actor = current.require().requireAdmin();
        long policyId = id;
        SlaPolicy replaced = db.tx(c -> {
            SlaPolicy before = repository.lockPolicy(c, policyId).orElseThrow(() -> ApiException.notFound("SLA policy " + policyId));
            ETags.require(ifMatch, before.version(), "SLA policy " + policyId);
            SlaPolicy p = validate(c, policyId, body);
            repository.updatePolicy(c, p);
            audit.record(c, "sla_policy", policyId, null, actor.id(), "updated",
                    AuditLog.changes().change("name", before.name(), p.name()).change("active", before.active(), p.active())
                            .change("position", before.position(), p.position()));
            reapply(c, policyId);
            return repository.policy(c, policyId).orElseThrow();
        });
        return ETags.ok(replaced, replaced.version());
    }

    /** Re-evaluates open tickets: those under {@code policyId}, or (null) those that have no policy yet. */
    private void reapply(Connection c, Long policyId) throws SQLException {
        List<Long> ids = Sql.list(c, "SELECT id FROM tickets WHERE status NOT IN ('closed') AND "
                + (policyId == null ? "sla_policy_id IS NULL" : "sla_policy_id = ?") + " ORDER BY id LIMIT 10000",
                rs -> rs.getLong(1), policyId == null ? new Object[0] : new Object[] {policyId});
        sla.refreshAll(c, ids, sla.policies(c)); // set-based, as the scan: one ticket at a time cost four reads each
    }

    /** The rules that need the database or several fields at once; field rules ran already. */
    private SlaPolicy validate(Connection c, long id, PolicyInput body) throws SQLException {
        Validator v = new Validator();
        var calendar = body.calendarId() == null ? java.util.Optional.<CalendarDefinition>empty() : repository.calendar(c, body.calendarId());
        if (body.calendarId() != null && calendar.isEmpty()) {
            v.add("calendarId", "calendar " + body.calendarId() + " does not exist");
        }
        Map<Priority, Map<SlaMetric, SlaPolicy.Goal>> targets = new EnumMap<>(Priority.class);
        boolean businessHours = false;
        for (var byPriority : body.targets().byPriority().entrySet()) {
            Map<SlaMetric, SlaPolicy.Goal> goals = new EnumMap<>(SlaMetric.class);
            for (var byMetric : byPriority.getValue().byMetric().entrySet()) {
                boolean bh = byMetric.getValue().businessHours() == null || byMetric.getValue().businessHours();
                businessHours |= bh;
                goals.put(byMetric.getKey(), new SlaPolicy.Goal(byMetric.getValue().minutes(), bh));
            }
            if (!goals.isEmpty()) {
                targets.put(byPriority.getKey(), goals);
            }
        }
        v.check(!targets.isEmpty(), "targets", "at least one priority needs a goal");
        v.check(!businessHours || body.calendarId() != null, "calendarId", "is required when a target counts business hours");
        calendar.ifPresent(cal -> GoalReach.check(targets, cal.toCalendar(), "targets.").forEach(e -> v.add(e.field(), e.message())));
        v.throwIfInvalid();
        int position = body.position() != null ? body.position()
                : (int) Sql.count(c, "SELECT COALESCE(max(position) + 1, 0) FROM sla_policies");
        SlaPolicy.Conditions cond = body.conditions() == null ? SlaPolicy.Conditions.none() : body.conditions().toConditions();
        return new SlaPolicy(id, body.name().trim(), position, body.active() == null || body.active(), body.calendarId(), cond,
                targets, null, null, 0);
    }
}
