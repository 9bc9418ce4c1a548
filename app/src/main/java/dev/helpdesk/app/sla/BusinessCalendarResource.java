package dev.helpdesk.app.sla;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import dev.helpdesk.app.auth.CurrentActor;
import dev.helpdesk.app.db.Db;
import dev.helpdesk.app.web.ApiException;
import dev.helpdesk.app.web.BodyLimit;
import dev.helpdesk.app.web.ETags;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import dev.helpdesk.app.web.Rules;
import jakarta.ws.rs.HeaderParam;
import org.jboss.resteasy.reactive.RestResponse;
import dev.helpdesk.app.web.SaneDate;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;

/** Business calendars (admin): time zone, weekly opening windows, holidays (also from iCalendar). */
@Tag(name = "SLA")
@Path("/api/v1/business-calendars")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BusinessCalendarResource {
    @jakarta.inject.Inject
    dev.helpdesk.app.web.Links links;
    private final Db db;
    private final SlaRepository repository;
    private final CurrentActor current;

    public BusinessCalendarResource(Db db, SlaRepository repository, CurrentActor current) {
        this.db = db;
        this.repository = repository;
        this.current = current;
    }

    static final int MAX_WINDOWS = 50;
    static final int MAX_HOLIDAYS = 1000;
    static final String TIME = "^([01][0-9]|2[0-3]):[0-5][0-9]$";

    /** A calendar as the admin sends it (POST, PUT). */
    @Schema(example = "{\"name\":\"Office hours\",\"timeZone\":\"Europe/Berlin\",\"windows\":[{\"day\":\"monday\",\"start\":\"09:00\",\"end\":\"17:00\"}],\"holidays\":[\"2026-12-25\"]}")
    public record CalendarInput(
            @NotBlank @Size(max = Rules.NAME, message = Rules.MAX_CHARS) String name,
            @NotBlank @TimeZoneId String timeZone,
            @NotNull @Size(min = 1, max = MAX_WINDOWS, message = "needs 1 to {max} opening windows") List<@NotNull @Valid WindowInput> windows,
            @Size(max = MAX_HOLIDAYS, message = "at most {max} holidays") List<@NotNull @SaneDate LocalDate> holidays) {}

    /** Open on {@code day} from {@code start} to {@code end} (HH:mm); an end at or before the start crosses midnight. */
    public record WindowInput(@NotNull Weekday day,
                              @NotNull @Pattern(regexp = TIME, message = "must be a time like 09:00") String start,
                              @NotNull @Pattern(regexp = TIME, message = "must be a time like 17:30") String end) {}

    @Operation(operationId = "createBusinessCalendar", summary = "Create a business calendar (admins)")
    @APIResponse(responseCode = "201", description = "Created; Location names it", content = @Content(mediaType = "application/json", schema = @Schema(implementation = CalendarDefinition.class)))
    @Extension(name = "x-errors", value = "403 Admins only | 409 A calendar with this name exists (conflict)")
    @POST
    public Response create(@NotNull(message = "must be a JSON object") @Valid CalendarInput body) {
        current.require().requireAdmin();
        CalendarDefinition d = definition(0, body);
        CalendarDefinition saved = db.tx(c -> repository.calendar(c, repository.insertCalendar(c, d)).orElseThrow());
        return links.created("/api/v1/business-calendars/" + saved.id()).tag(ETags.of(saved.version())).entity(saved).build();
    }

    @Operation(operationId = "listBusinessCalendars", summary = "List business calendars (agents)")
    @Extension(name = "x-errors", value = "403 Agents and admins only")
    @GET
    public List<CalendarDefinition> list() {
        current.require().requireStaff();
        return db.read(repository::calendars);
    }

    @Operation(operationId = "getBusinessCalendar", summary = "One business calendar (agents)")
    @Extension(name = "x-errors", value = "403 Agents and admins only")
    @GET
    @Path("/{id}")
    public RestResponse<CalendarDefinition> get(@PathParam("id") long id) {
        current.require().requireStaff();
        CalendarDefinition calendar = db.read(c -> repository.calendar(c, id)).orElseThrow(() -> ApiException.notFound("calendar " + id));
        return ETags.ok(calendar, calendar.version());
    }

    @Operation(operationId = "replaceBusinessCalendar", summary = "Replace a business calendar (admins)")
    @Extension(name = "x-errors", value = "403 Admins only | 409 A calendar with this name exists (conflict)")
    @PUT
    @Path("/{id}")
    public RestResponse<CalendarDefinition> replace(@PathParam("id") long id, @HeaderParam(ETags.HEADER) String ifMatch,
                                                    @NotNull(message = "must be a JSON object") @Valid CalendarInput body) {
        current.require().requireAdmin();
        CalendarDefinition d = definition(id, body);
        CalendarDefinition replaced = db.tx(c -> {
            CalendarDefinition before = repository.lockCalendar(c, id).orElseThrow(() -> ApiException.notFound("calendar " + id));
            ETags.require(ifMatch, before.version(), "calendar " + id);
            requireGoalsStillFit(c, d);
            repository.updateCalendar(c, d);
            return repository.calendar(c, id).orElseThrow();
        });
        return ETags.ok(replaced, replaced.version());
    }

    /** Adds the holidays of an iCalendar file (text/calendar body) to the calendar. */
    @Operation(operationId = "importHolidays", summary = "Add the holidays of an iCalendar file (admins)")
    @Extension(name = "x-errors", value = "403 Admins only")
    @POST
    @Path("/{id}/holidays")
    @Consumes({"text/calendar", MediaType.TEXT_PLAIN})
    public RestResponse<CalendarDefinition> importHolidays(@PathParam("id") long id, @HeaderParam(ETags.HEADER) String ifMatch,
                                                           InputStream body) throws IOException {
        current.require().requireAdmin();
        long calendarId = id;
        byte[] bytes = body.readNBytes((int) BodyLimit.max() + 1);
        if (bytes.length > BodyLimit.max()) {
            throw BodyLimit.tooLarge();
        }
        TreeSet<LocalDate> imported;
        try {
            imported = new TreeSet<>(HolidayImport.parse(new String(bytes, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("body", e.getMessage());
        }
        if (imported.isEmpty()) {
            throw ApiException.invalidField("body", "no VEVENT with a DTSTART date was found");
        }
        CalendarDefinition updated = db.tx(c -> {
            CalendarDefinition d = repository.lockCalendar(c, calendarId).orElseThrow(() -> ApiException.notFound("calendar " + calendarId));
            ETags.require(ifMatch, d.version(), "calendar " + calendarId);
            imported.addAll(d.holidays());
            if (imported.size() > MAX_HOLIDAYS) {
                throw ApiException.invalidField("body", "the calendar would have " + imported.size() + " holidays; at most "
                        + MAX_HOLIDAYS + " are allowed (remove past years first)");
            }
            repository.updateCalendar(c, new CalendarDefinition(d.id(), d.name(), d.timeZone(), d.windows(), List.copyOf(imported), d.version()));
            return repository.calendar(c, calendarId).orElseThrow();
        });
        return ETags.ok(updated, updated.version());
    }

    /** New windows must still fit every business-hours goal of the policies that count on this calendar. */
    private void requireGoalsStillFit(java.sql.Connection c, CalendarDefinition d) throws java.sql.SQLException {
        BusinessCalendar calendar = d.toCalendar();
        List<dev.helpdesk.app.web.FieldError> errors = new java.util.ArrayList<>();
        for (SlaPolicy p : repository.policies(c, false)) {
            if (Long.valueOf(d.id()).equals(p.calendarId())) {
                GoalReach.check(p.targets(), calendar, "").forEach(e -> errors.add(new dev.helpdesk.app.web.FieldError("windows",
                        "policy '" + p.name() + "' (id " + p.id() + "), goal " + e.field() + ": " + e.message())));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }

    private static CalendarDefinition definition(long id, CalendarInput body) {
        List<CalendarDefinition.Window> windows = body.windows().stream()
                .map(w -> new CalendarDefinition.Window(w.day().toString(), w.start(), w.end())).toList();
        List<LocalDate> holidays = body.holidays() == null ? List.of() : body.holidays().stream().distinct().sorted().toList();
        return new CalendarDefinition(id, body.name().trim(), body.timeZone(), windows, holidays, 0);
    }
}
