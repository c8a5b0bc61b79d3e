package dev.paperclub.search;

/**
 * One autocomplete choice in Discord's shape.
 *
 * @param name  what the user sees: the title, at most 100 characters
 * @param value what the command receives: the paper id
 */
public record Suggestion(String name, String value) {}
