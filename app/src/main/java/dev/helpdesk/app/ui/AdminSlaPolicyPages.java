package dev.helpdesk.app.ui;

import dev.helpdesk.app.directory.Group;
import dev.helpdesk.app.sla.CalendarDefinition;
import dev.helpdesk.app.sla.SlaMetric;
import dev.helpdesk.app.sla.SlaPolicy;
import dev.helpdesk.app.sla.SlaPolicyResource;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** SLA policies: the list in the order they are tried, and a form creating one through the API's create operation. */
@Path("/admin/sla-policies")
@Produces(MediaType.TEXT_HTML)
public class AdminSlaPolicyPages {
    private static final String PATH = "/admin/sla-policies";

    @Inject @Location("ui/admin-sla-policies.html") Template page;
    @Inject AdminGate gate;
    @Inject AdminChoices choices;
    @Inject Pages pages;
    @Inject Validator validator;
    @Inject SlaPolicyResource policyApi;

    @GET
    public Response list(@QueryParam("created") Long created) {
        Response refused = gate.refusal(PATH);
        return refused != null ? refused : view(200, new PolicyForm(), Map.of(), created);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(MultivaluedMap<String, String> form) {
        Response refused = gate.formRefusal(PATH, form.getFirst(FormToken.FIELD));
        if (refused != null) {
            return refused;
        }
        PolicyForm typed = PolicyForm.from(form);
        Map<String, String> errors = new LinkedHashMap<>();
        SlaPolicyResource.PolicyInput body = typed.toInput(errors);
        FieldMessages.into(validator, body, errors, PolicyForm::field);
        int status = 400;
        if (errors.isEmpty()) {
            try {
                SlaPolicy saved = (SlaPolicy) policyApi.create(body).getEntity();
                return Pages.seeOther(PATH + "?created=" + saved.id());
            } catch (ApiException e) {
                status = e.status();
                FieldMessages.fromApi(e, errors, PolicyForm::field);
            }
        }
        return view(status, typed, errors, null);
    }

    private Response view(int status, PolicyForm form, Map<String, String> errors, Long created) {
        List<CalendarDefinition> calendars = choices.calendars();
        Map<Long, String> calendarNames = calendars.stream()
                .collect(Collectors.toMap(CalendarDefinition::id, CalendarDefinition::name, (a, b) -> a, LinkedHashMap::new));
        Map<Long, String> organizations = choices.organizations();
        Map<Long, String> groups = choices.groups().stream()
                .collect(Collectors.toMap(Group::id, Group::name, (a, b) -> a, LinkedHashMap::new));
        List<PolicyRow> policies = policyApi.list().stream().map(p -> PolicyRow.of(p, calendarNames, organizations, groups)).toList();
        String createdName = created == null ? null : policies.stream().filter(r -> r.policy().id() == created)
                .map(r -> r.policy().name()).findFirst().orElse(null);
        Map<Long, String> calendarLabels = new LinkedHashMap<>();
        calendars.forEach(c -> calendarLabels.put(c.id(), "Business hours of " + c.name() + " (" + c.timeZone() + ")"));
        return pages.page(status, page.data("policies", policies).data("created", createdName).data("form", form)
                .data("errors", errors).data("targetRows", form.rows(errors))
                .data("metrics", Arrays.stream(SlaMetric.values()).map(PolicyForm::label).toList())
                .data("priorityChoices", form.priorityChoices())
                .data("calendarChoices", AdminChoices.choices(calendarLabels, List.of(form.calendarId)))
                .data("organizationChoices", AdminChoices.choices(organizations, form.organizationIds))
                .data("groupChoices", AdminChoices.choices(groups, form.groupIds)));
    }
}
