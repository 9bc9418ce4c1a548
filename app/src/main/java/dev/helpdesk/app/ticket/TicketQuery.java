package dev.helpdesk.app.ticket;

import dev.helpdesk.app.auth.Actor;
import dev.helpdesk.app.db.Sql;
import dev.helpdesk.app.db.SqlBatch;
import dev.helpdesk.app.web.Page;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a {@link TicketFilter} plus the caller's visibility into one indexed SQL query. */
final class TicketQuery {
    /** Totals the planner expects up to this many matches for are counted; beyond, estimated unless asked for exactly (docs/api.md). */
    static final int EXACT_UP_TO = 1000;
    private static final Pattern PLAN_ROWS = Pattern.compile("\"Plan Rows\":\\s*(\\d+)");
    /** How many of the newest tickets a search looks through in order before asking the text index instead. */
    static final int SEARCH_WINDOW = 1000;
    private final List<String> where = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();
    /** The full-text condition and its parameters, kept apart too: a search page is found in two ways. */
    private String textMatch;
    private final List<Object> textParams = new ArrayList<>();

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
            List<String> columns = actor.isStaff() ? List.of("t.tsv_content", "t.tsv_replies", "t.tsv_notes")
                    : List.of("t.tsv_content", "t.tsv_replies");
            textMatch = "(" + String.join(" OR ", columns.stream().map(col -> col + " @@ " + match).toList()) + ")";
            columns.forEach(col -> textParams.add(f.query()));
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
        String others = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        String whereSql = textMatch == null ? others : (others.isEmpty() ? " WHERE " : others + " AND ") + textMatch;
        List<Object> allParams = new ArrayList<>(params);
        allParams.addAll(textParams);
        boolean search = textMatch != null && f.sort().indexOrdered();
        // the page and the planner's estimate of the total travel together: a full page needs both
        SqlBatch batch = new SqlBatch().planEachTime();
        SqlBatch.Rows<Ticket> rows = search ? searchWindow(batch, f, others) : page(batch, f, whereSql, f.sort().orderBy(), allParams);
        SqlBatch.Rows<String> plan = f.count() == TotalCount.ESTIMATE ? batch.query("EXPLAIN (FORMAT JSON) SELECT 1 FROM tickets t"
                + whereSql, rs -> rs.getString(1), allParams.toArray()) : null;
        batch.run(c);
        List<Ticket> items = rows.list();
        if (search && items.size() < f.page().size()) {
            // a rare word: the newest tickets did not fill the page, so the text index finds the matches
            SqlBatch byIndex = new SqlBatch().planEachTime();
            rows = page(byIndex, f, whereSql, f.sort().orderByWithoutIndex(), allParams);
            byIndex.run(c);
            items = rows.list();
        }
        if (items.size() < f.page().size() && (!items.isEmpty() || f.page().offset() == 0)) {
            return f.page().of(items, f.page().offset() + items.size()); // the last page: the total needs no count
        }
        if (plan != null) {
            long estimate = estimate(plan.list());
            if (estimate > EXACT_UP_TO) {
                // the planner expects many: counting them would cost more than the page; say so instead
                return new Page<>(items, Math.max(estimate, f.page().offset() + items.size()), f.page().page(), f.page().size(), true);
            }
        }
        return f.page().of(items, Sql.count(c, "SELECT count(*) FROM tickets t" + whereSql, allParams.toArray()));
    }

    /**
     * A search page in index order over the newest tickets: a common word fills the page after a
     * few rows. A rare one would walk the whole table that way (a second at a million tickets), so
     * when the newest {@link #SEARCH_WINDOW} do not fill the page the caller asks the text index.
     */
    private SqlBatch.Rows<Ticket> searchWindow(SqlBatch batch, TicketFilter f, String others) {
        int wanted = f.page().offset() + f.page().size();
        List<Object> windowParams = new ArrayList<>(params);
        windowParams.add(Math.max(SEARCH_WINDOW, 20L * wanted));
        windowParams.addAll(textParams);
        windowParams.add(f.page().size());
        windowParams.add(f.page().offset());
        String order = f.sort().orderBy();
        return batch.query("SELECT " + TicketRepository.COLUMNS + " FROM (SELECT * FROM tickets t" + others
                + " ORDER BY " + order + " LIMIT ?) t WHERE " + textMatch + " ORDER BY " + order + " LIMIT ? OFFSET ?",
                TicketRepository::map, windowParams.toArray());
    }

    private SqlBatch.Rows<Ticket> page(SqlBatch batch, TicketFilter f, String whereSql, String order, List<Object> allParams) {
        List<Object> pageParams = new ArrayList<>(allParams);
        pageParams.add(f.page().size());
        pageParams.add(f.page().offset());
        return batch.query("SELECT " + TicketRepository.COLUMNS + " FROM tickets t" + whereSql + " ORDER BY " + order + " LIMIT ? OFFSET ?",
                TicketRepository::map, pageParams.toArray());
    }

    /** The planner's row estimate from an EXPLAIN's lines: no rows read. */
    private static long estimate(List<String> planLines) {
        Matcher rows = PLAN_ROWS.matcher(String.join("\n", planLines));
        return rows.find() ? Long.parseLong(rows.group(1)) : 0;
    }

    private void in(String column, List<?> values) {
        if (values.size() == 1) {
            // one value as "=": an index on (column, updated_at) then gives rows in page order; "= ANY" cannot, and sorts them all
            add(column + " = ?", values.get(0).toString());
            return;
        }
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
