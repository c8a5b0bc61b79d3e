package dev.paperclub.paper;

import java.util.LinkedHashMap;
import java.util.Map;

/** The export format (one JSON object per paper), field order as the design fixes it. */
public final class PaperJson {
    private PaperJson() {}

    public static Map<String, Object> export(Paper p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("arxiv_id", p.arxivId());
        m.put("title", p.title());
        m.put("abstract", p.abstractText());
        m.put("authors", p.authors());
        m.put("author_count", p.authorCount());
        m.put("organization", p.organization());
        m.put("published", p.published() == null ? null : p.published().toString());
        m.put("upvotes", p.upvotes());
        m.put("url", p.url());
        m.put("sources", p.sources());
        return m;
    }
}
