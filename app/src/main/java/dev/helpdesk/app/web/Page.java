package dev.helpdesk.app.web;

import java.util.List;

/**
 * One page of a list answer, with the number of matching items. {@code totalIsEstimate} is true when
 * {@code total} is the database's estimate rather than a count (lists with very many matches).
 */
public record Page<T>(List<T> items, long total, int page, int size, boolean totalIsEstimate) {
    public Page(List<T> items, long total, int page, int size) {
        this(items, total, page, size, false);
    }
}
