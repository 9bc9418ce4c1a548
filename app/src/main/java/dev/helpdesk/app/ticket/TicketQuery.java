package dev.helpdesk.app.ticket;

import dev.helpdesk.app.auth.Actor;
import dev.helpdesk.app.db.Sql;
import dev.helpdesk.app.web.Page;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Turns a {@link TicketFilter} plus the caller's visibility into one indexed SQL query. */
final class TicketQuery {
    private final List<String> where = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    TicketQuery(Actor actor, TicketFilter f, long atRiskLeadMinutes) {
        if (!actor.isStaff()) {
            visibleTo(actor);
        }
        if (!f.statuses().isEmpty()) {
            in("t.status", f.statuses());
        }
        if (!f.priorities().isEmpty()) {
            in("t.priority", f.priorities());
        }
        idOrNone("t.assignee_id", f.assignee());
        idOrNone("t.group_id", f.group());
        if (f.requester() != null) {
            add("t.requester_id = ?", f.requester());
        }
        if (f.organization() != null) {
            add("t.organization_id = ?", f.organization());
        }
        if (!f.tags().isEmpty()) {
            add("t.tags @> ?", f.tags());
        }
        if (f.sla() == SlaCondition.AT_RISK) {
            add(f.sla().where(), (int) Math.min(atRiskLeadMinutes, Integer.MAX_VALUE));
        } else if (f.sla() == SlaCondition.BREACHED) {
            add(f.sla().where());
        }
        range("t.created_at", f.createdFrom(), f.createdTo());
        range("t.updated_at", f.updatedFrom(), f.updatedTo());
        if (f.query() != null) {
            String match = "websearch_to_tsquery('english', ?)";
            if (actor.isStaff()) {
                where.add("(t.tsv_content @@ " + match + " OR t.tsv_replies @@ " + match + " OR t.tsv_notes @@ " + match + ")");
                params.add(f.query());
                params.add(f.query());
                params.add(f.query());
            } else {
                where.add("(t.tsv_content @@ " + match + " OR t.tsv_replies @@ " + match + ")");
                params.add(f.query());
                params.add(f.query());
            }
        }
    }

    /** Customers see their organization's tickets, or only their own when they have no organization. */
    private void visibleTo(Actor actor) {
        if (actor.organizationId() != null) {
            add("(t.organization_id = ? OR t.requester_id = ?)", actor.organizationId(), actor.id());
        } else {
            add("t.requester_id = ?", actor.id());
        }
    }

    Page<Ticket> run(Connection c, TicketFilter f) throws SQLException {
        String whereSql = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        long total = Sql.count(c, "SELECT count(*) FROM tickets t" + whereSql, params.toArray());
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(f.page().size());
        pageParams.add(f.page().offset());
        String order = f.sort().orderBy();
        List<Ticket> items = total == 0 ? List.of() : Sql.list(c, "SELECT " + TicketRepository.COLUMNS + " FROM tickets t" + whereSql
                + " ORDER BY " + order + " LIMIT ? OFFSET ?", TicketRepository::map, pageParams.toArray());
        return f.page().of(items, total);
    }

    private void in(String column, List<?> values) {
        where.add(column + " = ANY (?)");
        params.add(values.stream().map(Object::toString).toList());
    }

    private void idOrNone(String column, TicketFilter.IdOrNone filter) {
        if (filter == null) {
            return;
        }
        if (filter.none()) {
            where.add(column + " IS NULL");
        } else {
            add(column + " = ?", filter.id());
        }
    }

    private void range(String column, Object from, Object to) {
        if (from != null) {
            add(column + " >= ?", from);
        }
        if (to != null) {
            add(column + " < ?", to);
        }
    }

    private void add(String clause, Object... values) {
        where.add(clause);
        params.addAll(List.of(values));
    }
}
