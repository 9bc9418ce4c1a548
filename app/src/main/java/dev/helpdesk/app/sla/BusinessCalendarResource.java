package dev.helpdesk.app.sla;

import dev.helpdesk.app.auth.CurrentActor;
import dev.helpdesk.app.db.Db;
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
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Business calendars (admin): time zone, weekly opening windows, holidays (also from iCalendar). */
@Path("/api/v1/business-calendars")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BusinessCalendarResource {
    private final Db db;
    private final SlaRepository repository;
    private final CurrentActor current;

    public BusinessCalendarResource(Db db, SlaRepository repository, CurrentActor current) {
        this.db = db;
        this.repository = repository;
        this.current = current;
    }

    public record CalendarInput(String name, String timeZone, List<CalendarDefinition.Window> windows, List<String> holidays) {}

    @POST
    public Response create(CalendarInput body) {
        current.require().requireAdmin();
        CalendarDefinition d = validate(0, body);
        CalendarDefinition saved = db.tx(c -> repository.calendar(c, repository.insertCalendar(c, d)).orElseThrow());
        return Response.created(URI.create("/api/v1/business-calendars/" + saved.id())).entity(saved).build();
    }

    @GET
    public List<CalendarDefinition> list() {
        current.require().requireStaff();
        return db.read(repository::calendars);
    }

    @GET
    @Path("/{id}")
    public CalendarDefinition get(@PathParam("id") String id) {
        current.require().requireStaff();
        long calendarId = Params.pathId(id);
        return db.read(c -> repository.calendar(c, calendarId)).orElseThrow(() -> ApiException.notFound("calendar " + calendarId));
    }

    @PUT
    @Path("/{id}")
    public CalendarDefinition replace(@PathParam("id") String id, CalendarInput body) {
        current.require().requireAdmin();
        long calendarId = Params.pathId(id);
        CalendarDefinition d = validate(calendarId, body);
        return db.tx(c -> {
            repository.calendar(c, calendarId).orElseThrow(() -> ApiException.notFound("calendar " + calendarId));
            repository.updateCalendar(c, d);
            return repository.calendar(c, calendarId).orElseThrow();
        });
    }

    /** Adds the holidays of an iCalendar file (text/calendar body) to the calendar. */
    @POST
    @Path("/{id}/holidays")
    @Consumes({"text/calendar", MediaType.TEXT_PLAIN})
    public CalendarDefinition importHolidays(@PathParam("id") String id, String ics) {
        current.require().requireAdmin();
        long calendarId = Params.pathId(id);
        TreeSet<LocalDate> imported;
        try {
            imported = new TreeSet<>(HolidayImport.parse(ics == null ? "" : ics));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("body", e.getMessage());
        }
        if (imported.isEmpty()) {
            throw ApiException.invalidField("body", "no VEVENT with a DTSTART date was found");
        }
        return db.tx(c -> {
            CalendarDefinition d = repository.calendar(c, calendarId).orElseThrow(() -> ApiException.notFound("calendar " + calendarId));
            imported.addAll(d.holidays());
            repository.updateCalendar(c, new CalendarDefinition(d.id(), d.name(), d.timeZone(), d.windows(), List.copyOf(imported)));
            return repository.calendar(c, calendarId).orElseThrow();
        });
    }

    private static CalendarDefinition validate(long id, CalendarInput body) {
        if (body == null) {
            throw ApiException.invalidField("body", "must be a JSON object");
        }
        Validator v = new Validator().required("name", body.name()).maxLength("name", body.name(), 200)
                .required("timeZone", body.timeZone()).required("windows", body.windows());
        if (body.timeZone() != null) {
            v.parse("timeZone", body.timeZone(), z -> {
                try {
                    return ZoneId.of(z);
                } catch (DateTimeException e) {
                    throw new IllegalArgumentException("'" + z + "' is not an IANA time zone like Europe/Berlin");
                }
            });
        }
        List<CalendarDefinition.Window> windows = new ArrayList<>();
        if (body.windows() != null) {
            v.check(!body.windows().isEmpty(), "windows", "at least one opening window is needed");
            for (int i = 0; i < body.windows().size(); i++) {
                CalendarDefinition.Window w = body.windows().get(i);
                String f = "windows[" + i + "]";
                if (w == null) {
                    v.add(f, "may not be null");
                    continue;
                }
                DayOfWeek day = v.parse(f + ".day", w.day() == null ? "" : w.day(), s -> {
                    try {
                        return DayOfWeek.valueOf(s.toUpperCase());
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("must be monday, tuesday, …, sunday (got '" + s + "')");
                    }
                });
                LocalTime start = v.parse(f + ".start", w.start() == null ? "" : w.start(), BusinessCalendarResource::time);
                LocalTime end = v.parse(f + ".end", w.end() == null ? "" : w.end(), BusinessCalendarResource::time);
                if (day != null && start != null && end != null) {
                    windows.add(new CalendarDefinition.Window(day.name().toLowerCase(), start.toString(), end.toString()));
                }
            }
        }
        List<LocalDate> holidays = new ArrayList<>();
        if (body.holidays() != null) {
            for (int i = 0; i < body.holidays().size(); i++) {
                LocalDate d = v.parse("holidays[" + i + "]", String.valueOf(body.holidays().get(i)), s -> {
                    try {
                        return LocalDate.parse(s);
                    } catch (DateTimeException e) {
                        throw new IllegalArgumentException("must be a date like 2026-12-25 (got '" + s + "')");
                    }
                });
                if (d != null) {
                    holidays.add(d);
                }
            }
        }
        v.throwIfInvalid();
        return new CalendarDefinition(id, body.name().trim(), body.timeZone(), windows, holidays.stream().distinct().sorted().toList());
    }

    private static LocalTime time(String s) {
        try {
            return LocalTime.parse(s);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("must be a time like 09:00 (got '" + s + "')");
        }
    }
}
