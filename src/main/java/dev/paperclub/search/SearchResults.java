package dev.paperclub.search;

import java.util.List;
import java.util.Optional;

/**
 * A page of search results.
 *
 * @param totalHits      number of matching papers (a lower bound when {@code totalHitsExact} is false)
 * @param totalHitsExact whether {@code totalHits} was counted exactly
 * @param hits           this page, best first
 * @param correction     a corrected query worth suggesting ("did you mean"), or "" for none
 */
public record SearchResults(long totalHits, boolean totalHitsExact, List<SearchHit> hits, String correction) {

    public SearchResults {
        hits = List.copyOf(hits);
        correction = correction == null ? "" : correction;
    }

    static SearchResults empty() {
        return new SearchResults(0, true, List.of(), "");
    }

    /** The suggested corrected query, when the search found nothing and a better spelling exists. */
    public Optional<String> didYouMean() {
        return correction.isEmpty() ? Optional.empty() : Optional.of(correction);
    }
}
