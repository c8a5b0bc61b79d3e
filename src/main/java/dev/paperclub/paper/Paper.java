package dev.paperclub.paper;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One paper as the store keeps it. Optional facts are nullable fields inside the record
 * (a paper is a value read from one row) but are exposed through {@code Optional} accessors
 * to callers outside this package's merge logic.
 *
 * @param id          stable id: the arXiv id without version, or {@code t-<hash of normalized title>}
 * @param arxivId     arXiv id without version, or null
 * @param title       normalized title, never blank
 * @param abstractText normalized abstract, may be empty only for records merged from poorer sources
 * @param authors     author names in order, possibly empty
 * @param authorCount number of authors when only a count is known (HF pages), or null
 * @param organization HF organization display name, or null
 * @param published   publication date, or null
 * @param upvotes     HF upvotes, or null
 * @param url         canonical link, or null
 * @param sources     where the paper came from (e.g. {@code hf-page}, {@code arxiv}), in first-seen order
 * @param firstIngested when the store first saw it (null before it is stored)
 * @param updated     when the store last changed it (null before it is stored)
 */
public record Paper(
        String id,
        String arxivId,
        String title,
        String abstractText,
        List<String> authors,
        Integer authorCount,
        String organization,
        LocalDate published,
        Integer upvotes,
        String url,
        List<String> sources,
        Instant firstIngested,
        Instant updated) {

    public Paper {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        abstractText = abstractText == null ? "" : abstractText;
        authors = authors == null ? List.of() : List.copyOf(authors);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    public Optional<String> arxiv() {
        return Optional.ofNullable(arxivId);
    }

    public Optional<LocalDate> publishedDate() {
        return Optional.ofNullable(published);
    }

    public Optional<String> link() {
        return Optional.ofNullable(url);
    }

    public Optional<String> org() {
        return Optional.ofNullable(organization);
    }

    /** Upvotes, 0 when unknown: for ranking only, never for display. */
    public int upvotesOrZero() {
        return upvotes == null ? 0 : upvotes;
    }

    /** Authors for display: names when known, else "N authors", else empty. */
    public String authorLine() {
        if (!authors.isEmpty()) {
            if (authors.size() <= 6) return String.join(", ", authors);
            return String.join(", ", authors.subList(0, 5)) + " et al. (" + authors.size() + " authors)";
        }
        if (authorCount != null) return authorCount + (authorCount == 1 ? " author" : " authors");
        return "";
    }

    /** The number of authors, from the list when known, else the count. */
    public Optional<Integer> knownAuthorCount() {
        if (!authors.isEmpty()) return Optional.of(authors.size());
        return Optional.ofNullable(authorCount);
    }
}
