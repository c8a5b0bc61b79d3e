package dev.paperclub.search;

import dev.paperclub.search.UserQueryParser.Clause;
import dev.paperclub.search.UserQueryParser.Kind;
import dev.paperclub.search.UserQueryParser.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Turns parsed clauses into Lucene queries over the shared analyzer.
 *
 * <p>Semantics: plain words and prefixes are optional (BM25 ranks by how many and how rare);
 * quoted phrases and {@code title:}/{@code author:} clauses are required, since a user who
 * typed them asked for a constraint; exclusions are prohibited. A query with no positive
 * clause left after analysis (only exclusions, only stop words, only punctuation) has no query.
 */
final class PaperQueryBuilder {

    /** A prefix shorter than this would expand to a large share of the dictionary; it is searched as a word. */
    static final int MIN_PREFIX = 3;
    /** Words beyond this many add nothing to ranking but cost; also keeps clause counts far below Lucene's limit. */
    static final int MAX_WORDS = 128;
    /** Longest phrase built; longer quoted text is cut. */
    static final int MAX_PHRASE = 32;

    private final Analyzer analyzer;
    private final RankingOptions options;

    PaperQueryBuilder(Analyzer analyzer, RankingOptions options) {
        this.analyzer = analyzer;
        this.options = options;
    }

    /**
     * A built query: what matches and ranks, and the title boost of its plain words, which ranking
     * applies to the best matches only ({@code PaperSearch}): as extra clauses it doubled the cost
     * of every search. {@code titleBoost} is empty when off or when there are no plain words.
     * {@code constraints} is what a paper must satisfy whatever its words: the required clauses
     * (phrases, {@code title:}, {@code author:}) and the exclusions, as a filter; empty when the
     * query has neither. A paper close in meaning may stand in for the optional words, never for these.
     */
    record Built(Query query, Optional<Query> titleBoost, Optional<Query> constraints) {}

    /** The ranking query, or empty when nothing positive remains. */
    Optional<Built> build(List<Clause> clauses) {
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        BooleanQuery.Builder must = new BooleanQuery.Builder();
        int constraints = 0;
        boolean required = false;
        List<String> bag = new ArrayList<>();
        int positive = 0;
        for (Clause c : clauses) {
            if (c.kind() == Kind.WORD && c.target() == Target.ANY && !c.negated()) {
                bag.addAll(tokens(PaperFields.TEXT, c.text()));
                continue;
            }
            Optional<Query> sub = clause(c);
            if (sub.isEmpty()) continue;
            if (c.negated()) {
                q.add(sub.get(), Occur.MUST_NOT);
                must.add(sub.get(), Occur.MUST_NOT);
                constraints++;
            } else {
                boolean isRequired = c.kind() == Kind.PHRASE || c.target() != Target.ANY;
                q.add(sub.get(), isRequired ? Occur.MUST : Occur.SHOULD);
                if (isRequired) {
                    must.add(sub.get(), Occur.FILTER);
                    constraints++;
                    required = true;
                }
                positive++;
            }
        }
        List<String> words = bag.size() > MAX_WORDS ? bag.subList(0, MAX_WORDS) : bag;
        if (!words.isEmpty()) {
            q.add(bagOfWords(words), Occur.SHOULD);
            positive++;
        }
        if (positive == 0) return Optional.empty();
        // A BooleanQuery of prohibitions alone matches nothing: the exclusions apply to every paper.
        if (constraints > 0 && !required) must.add(new MatchAllDocsQuery(), Occur.FILTER);
        Optional<Query> filter = constraints == 0 ? Optional.empty() : Optional.of(must.build());
        return Optional.of(new Built(q.build(), titleBoost(words), filter));
    }

    /**
     * A watch's query: a paper matches when it has every positive clause (each plain word, each
     * phrase, prefix, {@code title:} and {@code author:} clause) and none of the excluded ones.
     * Search ranks papers by how many words they share with the query; a watch notifies, so "any
     * word" would send every paper that says "model". Empty, with why, when the clauses can
     * match nothing: no positive clause survives analysis, or a clause is both asked for and excluded.
     */
    Strict allOf(List<Clause> clauses) {
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        List<Query> wanted = new ArrayList<>();
        List<Query> excluded = new ArrayList<>();
        for (Clause c : clauses) {
            Optional<Query> sub = clause(c);
            if (sub.isEmpty()) continue;
            (c.negated() ? excluded : wanted).add(sub.get());
            q.add(sub.get(), c.negated() ? Occur.MUST_NOT : Occur.FILTER);
        }
        if (wanted.isEmpty())
            return new Strict(
                    Optional.empty(), "it has no word to look for (only exclusions, common words or punctuation)");
        for (Query w : wanted) {
            if (excluded.contains(w))
                return new Strict(Optional.empty(), "it both asks for and excludes the same words");
        }
        return new Strict(Optional.of(q.build()), "");
    }

    /** A watch's query, or why there is none ({@link #allOf}). */
    record Strict(Optional<Query> query, String problem) {}

    /** One clause as a query on its field (a word or phrase as a term or phrase, a prefix as prefixes), sign aside. */
    private Optional<Query> clause(Clause c) {
        String field =
                switch (c.target()) {
                    case ANY -> PaperFields.TEXT;
                    case TITLE -> PaperFields.TITLE;
                    case AUTHOR -> PaperFields.AUTHOR;
                };
        return c.kind() == Kind.PREFIX ? prefix(field, c.text()) : phraseOrTerm(field, c.text(), 0);
    }

    /** Plain query words, analyzed, in order: the input of pseudo-relevance feedback. */
    List<String> plainTokens(List<Clause> clauses) {
        List<String> bag = new ArrayList<>();
        for (Clause c : clauses) {
            if (c.kind() == Kind.WORD && c.target() == Target.ANY && !c.negated())
                bag.addAll(tokens(PaperFields.TEXT, c.text()));
        }
        return bag;
    }

    /** The positive clauses re-targeted at the abstract, for the highlighter; empty if none apply. */
    Optional<Query> highlightQuery(List<Clause> clauses) {
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        int n = 0;
        for (Clause c : clauses) {
            if (c.negated() || c.target() == Target.AUTHOR) continue;
            Optional<Query> sub;
            if (c.kind() == Kind.PREFIX) {
                sub = prefix(PaperFields.ABSTRACT, c.text());
            } else if (c.kind() == Kind.WORD && c.target() == Target.ANY) {
                BooleanQuery.Builder words = new BooleanQuery.Builder();
                for (String t : tokens(PaperFields.ABSTRACT, c.text()))
                    words.add(new TermQuery(new Term(PaperFields.ABSTRACT, t)), Occur.SHOULD);
                Query w = words.build();
                sub = ((BooleanQuery) w).clauses().isEmpty() ? Optional.empty() : Optional.of(w);
            } else {
                sub = phraseOrTerm(PaperFields.ABSTRACT, c.text(), 0);
            }
            if (sub.isPresent()) {
                q.add(sub.get(), Occur.SHOULD);
                n++;
            }
        }
        return n == 0 ? Optional.empty() : Optional.of(q.build());
    }

    /** Each query word found in the title adds its title BM25 score times {@link RankingOptions#titleBoost()}. */
    private Optional<Query> titleBoost(List<String> words) {
        if (options.titleBoost() <= 0 || words.isEmpty()) return Optional.empty();
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        for (String t : words) {
            q.add(new BoostQuery(new TermQuery(new Term(PaperFields.TITLE, t)), options.titleBoost()), Occur.SHOULD);
        }
        return Optional.of(q.build());
    }

    /**
     * Query words over the combined field, with the optional proximity boost. Repeated words
     * count repeatedly, as query term frequency does in BM25 bag-of-words.
     */
    private Query bagOfWords(List<String> bag) {
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        for (String t : bag) q.add(new TermQuery(new Term(PaperFields.TEXT, t)), Occur.SHOULD);
        if (options.phraseBoost() > 0) {
            for (int k = 0; k + 1 < bag.size(); k++) {
                PhraseQuery pq = new PhraseQuery(options.phraseSlop(), PaperFields.TEXT, bag.get(k), bag.get(k + 1));
                q.add(new BoostQuery(pq, options.phraseBoost()), Occur.SHOULD);
            }
        }
        // BooleanQuery allows 1024 clauses by default; MAX_WORDS words stay well below.
        return q.build();
    }

    private Optional<Query> phraseOrTerm(String field, String text, int slop) {
        PhraseQuery.Builder pb = new PhraseQuery.Builder().setSlop(slop);
        int count = 0;
        String single = null;
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            int pos = -1;
            while (ts.incrementToken() && count < MAX_PHRASE) {
                pos += inc.getPositionIncrement();
                single = term.toString();
                pb.add(new Term(field, single), pos);
                count++;
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String cannot fail
        }
        if (count == 0) return Optional.empty();
        if (count == 1) return Optional.of(new TermQuery(new Term(field, single)));
        return Optional.of(pb.build());
    }

    /**
     * A prefix on an analyzed field. The index holds stems, so both the typed prefix and its
     * stem are tried ("language*" must match the stem "languag"). Leading words of a
     * punctuated prefix ("self-att*") become plain words.
     */
    private Optional<Query> prefix(String field, String text) {
        List<String> plain = tokens(PaperFields.WORDS, text);
        if (plain.isEmpty()) return Optional.empty();
        String last = plain.get(plain.size() - 1);
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        for (String w : plain.subList(0, plain.size() - 1)) {
            phraseOrTerm(field, w, 0).ifPresent(t -> q.add(t, Occur.SHOULD));
        }
        if (last.length() < MIN_PREFIX) {
            phraseOrTerm(field, last, 0).ifPresent(t -> q.add(t, Occur.SHOULD));
        } else {
            BooleanQuery.Builder alt = new BooleanQuery.Builder();
            alt.add(new PrefixQuery(new Term(field, last)), Occur.SHOULD);
            if (!field.equals(PaperFields.AUTHOR)) {
                List<String> stem = tokens(field, last);
                if (stem.size() == 1 && !stem.get(0).equals(last) && stem.get(0).length() >= MIN_PREFIX) {
                    alt.add(new PrefixQuery(new Term(field, stem.get(0))), Occur.SHOULD);
                }
            }
            q.add(alt.build(), Occur.SHOULD);
        }
        BooleanQuery built = q.build();
        return built.clauses().isEmpty() ? Optional.empty() : Optional.of(built);
    }

    List<String> tokens(String field, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) out.add(term.toString());
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
