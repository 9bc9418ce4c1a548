package dev.helpdesk.app.ui;

import dev.helpdesk.app.sla.BusinessCalendarResource;
import dev.helpdesk.app.sla.CalendarDefinition;
import dev.helpdesk.app.web.ApiException;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** Business calendars with their opening hours and holidays: the list, and a form creating one through the API. */
@Path("/admin/calendars")
@Produces(MediaType.TEXT_HTML)
public class AdminCalendarPages {
    private static final String PATH = "/admin/calendars";

    @Inject @Location("ui/admin-calendars.html") Template page;
    @Inject AdminGate gate;
    @Inject AdminChoices choices;
    @Inject Pages pages;
    @Inject Validator validator;
    @Inject BusinessCalendarResource calendarApi;

    @GET
    public Response list(@QueryParam("created") Long created) {
        Response refused = gate.refusal(PATH);
        return refused != null ? refused : view(200, CalendarForm.officeHours(), Map.of(), created);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(MultivaluedMap<String, String> form) {
        Response refused = gate.formRefusal(PATH, form.getFirst(FormToken.FIELD));
        if (refused != null) {
            return refused;
        }
        CalendarForm typed = CalendarForm.from(form);
        Map<String, String> errors = new LinkedHashMap<>();
        BusinessCalendarResource.CalendarInput body = typed.toInput(errors);
        FieldMessages.into(validator, body, errors, typed::field);
        int status = 400;
        if (errors.isEmpty()) {
            try {
                CalendarDefinition saved = (CalendarDefinition) calendarApi.create(body).getEntity();
                return Pages.seeOther(PATH + "?created=" + saved.id());
            } catch (ApiException e) {
                status = e.status();
                FieldMessages.fromApi(e, errors, typed::field);
            }
        }
        return view(status, typed, errors, null);
    }

    private Response view(int status, CalendarForm form, Map<String, String> errors, Long created) {
        var calendars = choices.calendars();
        String createdName = created == null ? null
                : calendars.stream().filter(c -> c.id() == created).map(CalendarDefinition::name).findFirst().orElse(null);
        return pages.page(status, page.data("calendars", calendars.stream().map(CalendarRow::of).toList()).data("created", createdName)
                .data("form", form).data("days", form.days(errors)).data("errors", errors));
    }
}
