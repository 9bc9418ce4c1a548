package dev.helpdesk.app.ticket;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Orders of the ticket list; a leading '-' sorts descending. Ties are broken by id in the same direction. */
public enum TicketSort {
    @JsonProperty("id") ID("id", "t.id"),
    @JsonProperty("-id") ID_DESC("-id", "t.id"),
    @JsonProperty("createdAt") CREATED("createdAt", "t.created_at"),
    @JsonProperty("-createdAt") CREATED_DESC("-createdAt", "t.created_at"),
    @JsonProperty("updatedAt") UPDATED("updatedAt", "t.updated_at"),
    @JsonProperty("-updatedAt") UPDATED_DESC("-updatedAt", "t.updated_at"),
    @JsonProperty("priority") PRIORITY("priority", Columns.PRIORITY),
    @JsonProperty("-priority") PRIORITY_DESC("-priority", Columns.PRIORITY),
    @JsonProperty("status") STATUS("status", Columns.STATUS),
    @JsonProperty("-status") STATUS_DESC("-status", Columns.STATUS),
    @JsonProperty("subject") SUBJECT("subject", "lower(t.subject)"),
    @JsonProperty("-subject") SUBJECT_DESC("-subject", "lower(t.subject)");

    private static final class Columns {
        static final String PRIORITY = "array_position(ARRAY['low','normal','high','urgent']::varchar[], t.priority)";
        static final String STATUS = "array_position(ARRAY['new','open','pending','on_hold','solved','closed']::varchar[], t.status)";
    }

    private final String apiName;
    private final String column;

    TicketSort(String apiName, String column) {
        this.apiName = apiName;
        this.column = column;
    }

    String orderBy() {
        String dir = apiName.startsWith("-") ? " DESC" : " ASC";
        return column + dir + ", t.id" + dir;
    }

    /** Whether an index walks the tickets in this order (id, createdAt, updatedAt). */
    boolean indexOrdered() {
        return column.equals("t.id") || column.equals("t.created_at") || column.equals("t.updated_at");
    }

    /** The same order as an expression no index has: the planner then reads the matches through another index and sorts them. */
    String orderByWithoutIndex() {
        String dir = apiName.startsWith("-") ? " DESC" : " ASC";
        String noIndex = column.equals("t.id") ? "(t.id + 0)" : indexOrdered() ? "(" + column + " + interval '0 s')" : column;
        return noIndex + dir + ", (t.id + 0)" + dir;
    }

    @Override
    public String toString() {
        return apiName;
    }
}
