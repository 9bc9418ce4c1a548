package dev.helpdesk.app.ui;

import dev.helpdesk.app.directory.Group;
import dev.helpdesk.app.directory.GroupResource;
import dev.helpdesk.app.directory.Organization;
import dev.helpdesk.app.directory.OrganizationResource;
import dev.helpdesk.app.sla.BusinessCalendarResource;
import dev.helpdesk.app.sla.CalendarDefinition;
import dev.helpdesk.app.web.Page;
import dev.helpdesk.app.web.PageRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the admin forms offer to choose from (organizations, groups, calendars), read through the
 * API's own list operations, so the pages see exactly what the API lets this admin see.
 */
@RequestScoped
class AdminChoices {
    /** Organizations a form offers at most; beyond that a desk needs a search, not a list. */
    static final int MAX_ORGANIZATIONS = 2000;

    @Inject OrganizationResource organizationApi;
    @Inject GroupResource groupApi;
    @Inject BusinessCalendarResource calendarApi;

    private Map<Long, String> organizations;

    /** Organization names by id, oldest first. */
    Map<Long, String> organizations() {
        if (organizations == null) {
            organizations = new LinkedHashMap<>();
            PageRequest.Params params = new PageRequest.Params();
            params.size = (long) PageRequest.MAX_SIZE;
            for (long page = 1; organizations.size() < MAX_ORGANIZATIONS; page++) {
                params.page = page;
                Page<Organization> one = organizationApi.list(params);
                one.items().forEach(o -> organizations.put(o.id(), o.name()));
                if (one.items().size() < PageRequest.MAX_SIZE) {
                    break;
                }
            }
        }
        return organizations;
    }

    List<Group> groups() {
        return groupApi.list();
    }

    List<CalendarDefinition> calendars() {
        return calendarApi.list();
    }

    static List<Choice> choices(Map<Long, String> names, List<String> selected) {
        List<Choice> out = new ArrayList<>();
        names.forEach((id, name) -> out.add(new Choice(Long.toString(id), name, selected.contains(Long.toString(id)))));
        return out;
    }
}
