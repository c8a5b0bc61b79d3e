package dev.paperclub.paper;

import java.util.Locale;

/** BibTeX entries for export; arXiv papers get eprint fields that reference managers understand. */
public final class BibTex {
    private BibTex() {}

    public static String entry(Paper p) {
        StringBuilder b = new StringBuilder();
        b.append(p.arxivId() != null ? "@misc{" : "@article{").append(key(p)).append(",\n");
        field(b, "title", "{" + escape(p.title()) + "}");
        if (!p.authors().isEmpty()) field(b, "author", escape(String.join(" and ", p.authors())));
        if (p.published() != null) {
            field(b, "year", String.valueOf(p.published().getYear()));
            field(b, "month", p.published().getMonth().name().substring(0, 3).toLowerCase(Locale.ROOT));
        }
        if (p.arxivId() != null) {
            field(b, "eprint", p.arxivId());
            field(b, "archivePrefix", "arXiv");
        }
        if (p.url() != null) field(b, "url", p.url());
        if (p.organization() != null) field(b, "note", escape(p.organization()));
        field(b, "abstract", escape(p.abstractText()));
        b.setLength(b.length() - 2);
        return b.append("\n}\n").toString();
    }

    private static String key(Paper p) {
        return p.id().replaceAll("[^A-Za-z0-9:._-]", "_");
    }

    private static void field(StringBuilder b, String name, String value) {
        b.append("  ").append(name).append(" = {").append(value).append("},\n");
    }

    /** Balances braces by escaping them; backslashes stay (abstracts carry LaTeX). */
    private static String escape(String s) {
        return s.replace("{", "\\{")
                .replace("}", "\\}")
                .replace("%", "\\%")
                .replace("&", "\\&")
                .replace("#", "\\#");
    }
}
