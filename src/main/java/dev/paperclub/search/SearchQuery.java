package dev.paperclub.search;

import java.time.LocalDate;

/**
 * One search request.
 *
 * @param text   what the user typed (any string; see {@link UserQueryParser} for the syntax)
 * @param since  only papers published on or after this day, or null for no date filter
 * @param limit  hits per page, 1..{@link #MAX_LIMIT}
 * @param offset hits to skip, 0..10,000
 */
public record SearchQuery(String text, LocalDate since, int limit, int offset) {
    /** The most hits one request may ask for (the CLI's --limit, batch runs included). */
    public static final int MAX_LIMIT = 1000;

    public SearchQuery {
        text = text == null ? "" : text;
        if (limit < 1 || limit > MAX_LIMIT)
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
        if (offset < 0 || offset > 10_000) throw new IllegalArgumentException("offset must be 0..10000, was " + offset);
    }

    /** A first page of {@code limit} hits with no date filter. */
    public static SearchQuery of(String text, int limit) {
        return new SearchQuery(text, null, limit, 0);
    }
}
