package dev.paperclub.feed;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a moderator may type as an arXiv feed's {@code query}: a category ({@code cs.CL}, which
 * becomes {@code cat:cs.CL}) or an arXiv API search expression ({@code cat:cs.CL AND
 * abs:"state space"}). Categories are checked against arXiv's taxonomy, so a typo is refused
 * rather than subscribing the server to nothing.
 */
public final class ArxivQuery {
    /** Longest query accepted (arXiv's own URLs stay short; a longer one is a paste gone wrong). */
    public static final int MAX_LENGTH = 300;

    private static final Pattern FIELD = Pattern.compile("(?<![\\w.-])([A-Za-z_]+):");
    private static final Pattern CAT = Pattern.compile("(?i)(?<![\\w.-])cat:\\s*\"?([\\w.-]+)\"?");
    private static final java.util.Set<String> FIELDS =
            java.util.Set.of("ti", "au", "abs", "co", "jr", "cat", "rn", "id", "all");
    private static final String TAXONOMY = "cs.AI cs.AR cs.CC cs.CE cs.CG cs.CL cs.CR cs.CV cs.CY cs.DB cs.DC cs.DL"
            + " cs.DM cs.DS cs.ET cs.FL cs.GL cs.GR cs.GT cs.HC cs.IR cs.IT cs.LG cs.LO cs.MA cs.MM cs.MS cs.NA cs.NE"
            + " cs.NI cs.OH cs.OS cs.PF cs.PL cs.RO cs.SC cs.SD cs.SE cs.SI cs.SY"
            + " econ.EM econ.GN econ.TH eess.AS eess.IV eess.SP eess.SY"
            + " math.AC math.AG math.AP math.AT math.CA math.CO math.CT math.CV math.DG math.DS math.FA math.GM"
            + " math.GN math.GR math.GT math.HO math.IT math.KT math.LO math.MG math.MP math.NA math.NT math.OA"
            + " math.OC math.PR math.QA math.RA math.RT math.SG math.SP math.ST"
            + " astro-ph astro-ph.CO astro-ph.EP astro-ph.GA astro-ph.HE astro-ph.IM astro-ph.SR"
            + " cond-mat cond-mat.dis-nn cond-mat.mes-hall cond-mat.mtrl-sci cond-mat.other cond-mat.quant-gas"
            + " cond-mat.soft cond-mat.stat-mech cond-mat.str-el cond-mat.supr-con"
            + " gr-qc hep-ex hep-lat hep-ph hep-th math-ph nucl-ex nucl-th quant-ph"
            + " nlin nlin.AO nlin.CD nlin.CG nlin.PS nlin.SI"
            + " physics physics.acc-ph physics.ao-ph physics.app-ph physics.atm-clus physics.atom-ph physics.bio-ph"
            + " physics.chem-ph physics.class-ph physics.comp-ph physics.data-an physics.ed-ph physics.flu-dyn"
            + " physics.gen-ph physics.geo-ph physics.hist-ph physics.ins-det physics.med-ph physics.optics"
            + " physics.plasm-ph physics.pop-ph physics.soc-ph physics.space-ph"
            + " q-bio q-bio.BM q-bio.CB q-bio.GN q-bio.MN q-bio.NC q-bio.OT q-bio.PE q-bio.QM q-bio.SC q-bio.TO"
            + " q-fin q-fin.CP q-fin.EC q-fin.GN q-fin.MF q-fin.PM q-fin.PR q-fin.RM q-fin.ST q-fin.TR"
            + " stat stat.AP stat.CO stat.ME stat.ML stat.OT stat.TH";
    /** Lower-cased category to its canonical spelling. */
    private static final Map<String, String> CATEGORIES = new HashMap<>();

    static {
        for (String c : TAXONOMY.split(" ")) CATEGORIES.put(c.toLowerCase(Locale.ROOT), c);
    }

    private ArxivQuery() {}

    /** The canonical spelling of a category ({@code cs.cl} gives {@code cs.CL}); empty when arXiv has none such. */
    public static Optional<String> category(String typed) {
        return Optional.ofNullable(CATEGORIES.get(typed.strip().toLowerCase(Locale.ROOT)));
    }

    /**
     * The arXiv API {@code search_query} for what the moderator typed.
     *
     * @throws IllegalArgumentException with a message that says what to type instead
     */
    public static String search(String typed) {
        String q = typed == null ? "" : typed.strip().replaceAll("\\s+", " ");
        if (q.isEmpty()) {
            throw new IllegalArgumentException(
                    "Give a `query`: an arXiv category such as `cs.CL`, or a search such as `cat:cs.CL AND abs:\"state space\"`.");
        }
        if (q.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("That query is " + q.length() + " characters; keep it under "
                    + MAX_LENGTH + " (a category such as `cs.CL`, or a short arXiv search).");
        }
        if (q.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("The query holds control characters; type it on one line.");
        }
        if (!q.contains(":") && !q.contains(" ")) {
            return "cat:"
                    + category(q)
                            .orElseThrow(() -> new IllegalArgumentException("`" + q
                                    + "` is not an arXiv category. Use one such as `cs.CL`, `cs.LG` or `stat.ML`"
                                    + " (see arxiv.org/category_taxonomy), or a search such as `abs:\"" + q
                                    + "\"`."));
        }
        Matcher f = FIELD.matcher(q);
        boolean anyField = false;
        while (f.find()) {
            if (!FIELDS.contains(f.group(1).toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("`" + f.group(1) + ":` is not an arXiv search field; use ti:, au:,"
                        + " abs:, co:, jr:, cat:, rn:, id: or all:.");
            }
            anyField = true;
        }
        if (!anyField) {
            throw new IllegalArgumentException("Write the search with arXiv's fields, e.g. `abs:\"" + q
                    + "\"` or `cat:cs.CL AND ti:\"" + q + "\"`; a category alone is written like `cs.CL`.");
        }
        if (q.chars().filter(ch -> ch == '"').count() % 2 != 0) {
            throw new IllegalArgumentException("The query has an unclosed `\"`; close the phrase.");
        }
        int depth = 0;
        for (char ch : q.toCharArray()) {
            depth += ch == '(' ? 1 : ch == ')' ? -1 : 0;
            if (depth < 0) break;
        }
        if (depth != 0) throw new IllegalArgumentException("The query's parentheses do not match.");
        StringBuilder out = new StringBuilder();
        Matcher cat = CAT.matcher(q);
        while (cat.find()) {
            String c = category(cat.group(1))
                    .orElseThrow(() -> new IllegalArgumentException(
                            "`" + cat.group(1) + "` is not an arXiv category (see arxiv.org/category_taxonomy)."));
            cat.appendReplacement(out, Matcher.quoteReplacement("cat:" + c));
        }
        cat.appendTail(out);
        return out.toString();
    }
}
