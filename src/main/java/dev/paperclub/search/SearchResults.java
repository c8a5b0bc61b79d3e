package dev.paperclub.search;

import java.util.List;
import java.util.Optional;

/**
 * A page of search results, with what the whole search found counted in two parts: the papers
 * its words match, and the papers they do not match that are close in meaning (above the
 * similarity floor of {@link RankingOptions#closeFloor()}). Each count is exact or a lower bound.
 *
 * @param wordMatches      papers the query's words match
 * @param wordMatchesExact whether {@code wordMatches} was counted exactly (counting stops at 1,000)
 * @param hits             this page, best first
 * @param correction       a corrected query worth suggesting ("did you mean"), or "" for none
 * @param closeInMeaning   papers the words do not match that are close in meaning
 * @param closeExact       whether {@code closeInMeaning} was counted exactly
 */
public record SearchResults(
        long wordMatches,
        boolean wordMatchesExact,
        List<SearchHit> hits,
        String correction,
        long closeInMeaning,
        boolean closeExact) {

    public SearchResults {
        hits = List.copyOf(hits);
        correction = correction == null ? "" : correction;
        if (wordMatches < 0 || closeInMeaning < 0) throw new IllegalArgumentException("negative count");
    }

    static SearchResults empty() {
        return new SearchResults(0, true, List.of(), "", 0, true);
    }

    /** Every paper the search found: word matches and papers close in meaning. */
    public long totalHits() {
        return wordMatches + closeInMeaning;
    }

    /** Whether {@link #totalHits()} is exact rather than a lower bound. */
    public boolean totalHitsExact() {
        return wordMatchesExact && closeExact;
    }

    /** The suggested corrected query, when the search found nothing and a better spelling exists. */
    public Optional<String> didYouMean() {
        return correction.isEmpty() ? Optional.empty() : Optional.of(correction);
    }
}
