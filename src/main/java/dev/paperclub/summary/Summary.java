package dev.paperclub.summary;

import java.util.List;

/**
 * The gist of a paper: a one-sentence TL;DR, up to three further key sentences in abstract
 * order, and 5-8 keyphrases taken verbatim from the title or abstract.
 */
public record Summary(String tldr, List<String> points, List<String> keywords) {

    public Summary {
        tldr = tldr == null ? "" : tldr;
        points = points == null ? List.of() : List.copyOf(points);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }
}
