package dev.paperclub.search;

/**
 * One ranked paper.
 *
 * @param id      paper id (look the rest up in the store)
 * @param title   the indexed title
 * @param score   ranking score (only comparable within one result list)
 * @param snippet Discord-markdown excerpt of the abstract with matches in bold; empty when not asked for
 */
public record SearchHit(String id, String title, float score, String snippet) {}
