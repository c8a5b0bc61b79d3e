package dev.paperclub.paper;

import java.time.LocalDate;
import java.util.List;

/**
 * A paper as one input described it, before it is matched against the store.
 *
 * @param ownId  the id the record carries itself (export id, arXiv id, HF API id), or null
 * @param line   the 1-based line in the input where the record starts, for reports
 */
public record PaperRecord(
        String ownId,
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
        int line) {

    public PaperRecord {
        title = TextNormalizer.clean(title);
        abstractText = TextNormalizer.clean(abstractText);
        authors = authors == null
                ? List.of()
                : authors.stream()
                        .map(TextNormalizer::clean)
                        .filter(a -> !a.isEmpty())
                        .toList();
        organization = blankToNull(TextNormalizer.clean(organization));
        url = blankToNull(url == null ? null : url.strip());
        ownId = blankToNull(ownId == null ? null : ownId.strip());
        arxivId = blankToNull(arxivId);
        sources = sources == null ? List.of() : List.copyOf(sources);
        if (authorCount != null && authorCount < 0) authorCount = null;
        if (upvotes != null && upvotes < 0) upvotes = null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The same record without its link (kept when the link fails {@link PaperUrls}). */
    public PaperRecord withoutUrl() {
        return new PaperRecord(
                ownId,
                arxivId,
                title,
                abstractText,
                authors,
                authorCount,
                organization,
                published,
                upvotes,
                null,
                sources,
                line);
    }

    /** The id a new paper from this record gets. */
    public String newPaperId() {
        if (ownId != null) return ownId;
        if (arxivId != null) return arxivId;
        return PaperIds.fromTitle(title);
    }

    /**
     * Whether the record names the paper by more than its title: an arXiv or other own id. A
     * title id ({@code t-…}, as an export of a title-only paper carries) is derived from the
     * title, so it is not: such a record still matches by title, and the paper stays open to
     * adoption by a record with a real id (it keeps its {@code t-} id either way).
     */
    public boolean carriesId() {
        return (ownId != null && !PaperIds.isTitleId(ownId)) || arxivId != null;
    }
}
