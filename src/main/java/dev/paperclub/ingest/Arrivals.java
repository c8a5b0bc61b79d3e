package dev.paperclub.ingest;

import java.util.List;

/**
 * Told when papers have entered the library and are committed to the store: by an
 * {@code /admin ingest}, a feed, or a CLI {@code ingest} that the running process applied.
 * Watches (DESIGN "Feeds and watches") listen here; a listener must not throw and must not
 * hold up the ingest (it hands long work to its own thread).
 */
@FunctionalInterface
public interface Arrivals {
    Arrivals NONE = arrival -> {};

    void arrived(Arrival arrival);

    /**
     * One input's arrivals.
     *
     * @param source where they came from, in words ("feed arxiv cs.CL", "/admin ingest", "CLI ingest papers.jsonl")
     * @param guildId the server whose feed or moderator brought them; null for the CLI
     * @param addedIds papers new to the library
     * @param updatedIds papers already there whose record changed
     */
    record Arrival(String source, String guildId, List<String> addedIds, List<String> updatedIds) {
        public Arrival {
            addedIds = List.copyOf(addedIds);
            updatedIds = List.copyOf(updatedIds);
        }
    }
}
