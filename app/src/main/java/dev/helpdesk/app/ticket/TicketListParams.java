package dev.helpdesk.app.ticket;

import dev.helpdesk.app.web.DateOrTime;
import dev.helpdesk.app.web.PageRequest;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.Explode;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.Separator;

/** The ticket list's query parameters (docs/api.md, "List filters"); lists take repeated or comma-separated values. */
public class TicketListParams extends PageRequest.Params {
    static final String ID_ME_OR_NONE = "^([1-9][0-9]{0,17}|me|none)$";
    static final String ID_OR_NONE = "^([1-9][0-9]{0,17}|none)$";

    @QueryParam("status")
    @Separator(",")
    @Parameter(description = "any of these statuses, comma-separated (or the parameter repeated)", explode = Explode.FALSE)
    public List<TicketStatus> status;

    @QueryParam("priority")
    @Separator(",")
    @Parameter(description = "any of these priorities, comma-separated (or the parameter repeated)", explode = Explode.FALSE)
    public List<Priority> priority;

    @QueryParam("assignee")
    @Pattern(regexp = ID_ME_OR_NONE, message = "must be a user id, 'me' or 'none'")
    @Parameter(description = "a user id, 'me' (the caller) or 'none' (unassigned)")
    public String assignee;

    @QueryParam("requester")
    @Positive
    public Long requester;

    @QueryParam("organization")
    @Positive
    public Long organization;

    @QueryParam("group")
    @Pattern(regexp = ID_OR_NONE, message = "must be a group id or 'none'")
    @Parameter(description = "a group id or 'none' (no group)")
    public String group;

    @QueryParam("tag")
    @Separator(",")
    @Size(max = Tags.MAX_TAGS, message = Tags.TOO_MANY)
    @Parameter(description = "has all these tags, comma-separated (or the parameter repeated)", explode = Explode.FALSE)
    public List<@Pattern(regexp = Tags.PATTERN_OR_EMPTY, message = Tags.INVALID) String> tag;

    @QueryParam("createdFrom")
    public DateOrTime createdFrom;

    @QueryParam("createdTo")
    @Parameter(description = "exclusive; a date includes that whole day")
    public DateOrTime createdTo;

    @QueryParam("updatedFrom")
    public DateOrTime updatedFrom;

    @QueryParam("updatedTo")
    @Parameter(description = "exclusive; a date includes that whole day")
    public DateOrTime updatedTo;

    @QueryParam("q")
    @Size(max = 200, message = "must be at most {max} characters")
    @Parameter(description = "full-text search: words, \"quoted phrase\", -word, or")
    public String q;

    @QueryParam("sla")
    @Parameter(description = "agents: 'at_risk' (a running SLA clock due within the reminder lead) or 'breached' (overdue, unsolved)")
    public SlaCondition sla;

    @QueryParam("sort")
    public TicketSort sort;

    @QueryParam("count")
    @Parameter(description = "'estimate' (default): total is PostgreSQL's estimate when it expects over 1,000 matches "
            + "(totalIsEstimate true), counted otherwise; 'exact': always counted")
    public TotalCount count;
}
