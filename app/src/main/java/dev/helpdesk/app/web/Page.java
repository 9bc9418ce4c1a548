package dev.helpdesk.app.web;

import java.util.List;

/** One page of a list answer, with the total count of matching items. */
public record Page<T>(List<T> items, long total, int page, int size) {}
