package dev.paperclub.store;

/** What storing one record did, and to which paper. */
public record UpsertOutcome(Kind kind, String paperId) {
    /** Whether the paper is new, changed, or already knew everything the record said. */
    public enum Kind {
        ADDED,
        UPDATED,
        UNCHANGED
    }
}
