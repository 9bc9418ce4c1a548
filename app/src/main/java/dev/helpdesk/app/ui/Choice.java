package dev.helpdesk.app.ui;

/** One option of a select or checkbox group, already knowing whether the form had it chosen. */
public record Choice(String value, String label, boolean selected) {}
