package dev.paperclub.highlight;

import dev.paperclub.paper.Paper;
import dev.paperclub.search.PaperSearch;
import dev.paperclub.search.SearchHit;
import dev.paperclub.search.SearchMode;
import dev.paperclub.store.FeedStore;
import dev.paperclub.store.HighlightStore;
import dev.paperclub.store.HighlightStore.Candidate;
import dev.paperclub.store.PaperStore;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks a server's highlights and says why.
 *
 * <p><b>Pool.</b> Papers not removed, not marked read in the server and never highlighted
 * there before. The store may hold a million papers, so the ranker never scans it: the
 * candidates are the {@value #RECENT} newest by publication date and the {@value #RECENT}
 * most recently ingested (both read along an index), every paper with an active vote in the
 * server, and the top {@value #KEYWORD_HITS} search hits for each of the server's keywords.
 *
 * <p><b>Score.</b>
 * <pre>
 *   score = 1.0 · ln(1 + HF upvotes)
 *         + 1.5 · this server's active votes
 *         + 3.0 · 0.5^(age in days / 7)
 *         + 2.0 · keywords matched
 *         + 6.0 · max(0, (best cosine to a paper the server read or voted for − 0.6) / 0.4)   ({@link TeamTaste})
 * </pre>
 * Age counts from the publication date, or from the day the paper was first ingested when
 * the date is unknown, to the server's local date (never negative), so freshness halves every
 * week: a paper from today earns 3.0, as much as 20 upvotes; one team vote (1.5) is worth
 * about 3.5 upvotes, because the team's own interest matters most. A keyword matches when
 * the paper's words match it (same analyzer and syntax as {@code /search}, so stems and
 * phrases behave as members expect; a keyword of several words is a phrase); closeness in
 * meaning is not a keyword match. The keyword's top word matches also join the pool. Ties go to more upvotes, then the smaller id,
 * so the order is deterministic.
 *
 * <p><b>Feeds.</b> The papers the server's feeds brought in the last {@value #FEED_DAYS} days
 * join the pool when their feed has no keywords or the paper matches one of them (matched as
 * the server's keywords are), and earn {@code 1.0} ("from feed arxiv cs.CL"); a feed paper that
 * matches none of its feed's keywords is left out of the server's pool unless a member voted for it.
 *
 * <p>Each pick explains itself with the terms that contributed: "12 upvotes · 2 votes · new
 * this week · matches “diffusion”".
 */
public final class HighlightRanker {
    private static final Logger log = LoggerFactory.getLogger(HighlightRanker.class);
    static final int RECENT = 300;
    static final int KEYWORD_HITS = 200;
    static final double W_UPVOTES = 1.0;
    static final double W_VOTES = 1.5;
    static final double W_FRESH = 3.0;
    static final double FRESH_HALF_LIFE_DAYS = 7.0;
    static final double W_KEYWORD = 2.0;
    static final double W_FEED = 1.0;
    static final int FEED_DAYS = 7;
    static final int FEED_ARRIVALS = 1_000;

    /** The server's feed arrivals since an instant, newest first, at most a number. */
    @FunctionalInterface
    public interface FeedArrivals {
        FeedArrivals NONE = (guild, since, limit) -> List.of();

        List<FeedStore.Arrival> since(String guildId, Instant since, int limit);
    }

    /** One highlighted paper, its score and the reasons shown to members. */
    public record Pick(Paper paper, double score, int votes, List<String> reasons) {
        public Pick {
            reasons = List.copyOf(reasons);
        }

        /** "12 upvotes · 2 votes · new this week". */
        public String why() {
            return reasons.isEmpty() ? "not shown here yet" : String.join(" · ", reasons);
        }
    }

    /** A candidate with its score and reasons, before the full paper is loaded. */
    record Scored(Candidate c, double score, List<String> reasons) {}

    private final HighlightStore store;
    private final PaperStore papers;
    private final PaperSearch search;
    private final TeamTaste.Source taste;

    private final FeedArrivals feeds;

    /** A ranker without feeds and without the taste term. */
    public HighlightRanker(HighlightStore store, PaperStore papers, PaperSearch search) {
        this(store, papers, search, FeedArrivals.NONE, TeamTaste.Source.none());
    }

    public HighlightRanker(HighlightStore store, PaperStore papers, PaperSearch search, FeedArrivals feeds) {
        this(store, papers, search, feeds, TeamTaste.Source.none());
    }

    public HighlightRanker(HighlightStore store, PaperStore papers, PaperSearch search, TeamTaste.Source taste) {
        this(store, papers, search, FeedArrivals.NONE, taste);
    }

    public HighlightRanker(
            HighlightStore store, PaperStore papers, PaperSearch search, FeedArrivals feeds, TeamTaste.Source taste) {
        this.store = store;
        this.papers = papers;
        this.search = search;
        this.feeds = feeds;
        this.taste = taste;
    }

    /** The server's top {@code count} papers on its local date {@code today}; empty when the pool is. */
    public List<Pick> rank(String guildId, List<String> keywords, int count, LocalDate today) {
        Map<String, Candidate> pool = new LinkedHashMap<>();
        for (Candidate c : store.candidates(guildId, RECENT)) pool.put(c.id(), c);
        Map<String, List<String>> matches = new HashMap<>();
        Map<String, Set<String>> hitsByKeyword = new LinkedHashMap<>();
        for (String k : keywords) {
            Set<String> hits = keywordHits(k);
            hitsByKeyword.put(k, hits);
            List<String> missing =
                    hits.stream().filter(id -> !pool.containsKey(id)).toList();
            for (Candidate c : store.candidatesAmong(guildId, missing)) pool.put(c.id(), c);
        }
        Map<String, String> fromFeed = feedCandidates(guildId, pool, today);
        // A candidate from elsewhere in the pool (new, voted) that a keyword matches beyond its top hits matches it
        // too.
        for (Map.Entry<String, Set<String>> e : hitsByKeyword.entrySet()) {
            Set<String> matched = new LinkedHashSet<>(e.getValue());
            List<String> others =
                    pool.keySet().stream().filter(id -> !matched.contains(id)).toList();
            matched.addAll(keywordMatches(e.getKey(), others));
            for (String id : matched)
                matches.computeIfAbsent(id, x -> new ArrayList<>()).add(e.getKey());
        }
        Map<String, TeamTaste.Match> close = tasteMatches(guildId, pool.keySet());
        List<Scored> scored = new ArrayList<>(pool.size());
        for (Candidate c : pool.values()) {
            scored.add(score(
                    c,
                    matches.getOrDefault(c.id(), List.of()),
                    fromFeed.get(c.id()),
                    Optional.ofNullable(close.get(c.id())),
                    today));
        }
        scored.sort(Comparator.comparingDouble(Scored::score)
                .reversed()
                .thenComparing(
                        Comparator.comparingInt((Scored s) -> s.c().upvotes()).reversed())
                .thenComparing(s -> s.c().id()));
        List<Scored> top = scored.subList(0, Math.min(count, scored.size()));
        Map<String, Paper> full = new HashMap<>();
        papers.findAll(top.stream().map(s -> s.c().id()).toList()).forEach(p -> full.put(p.id(), p));
        List<Pick> out = new ArrayList<>();
        for (Scored s : top) {
            Paper p = full.get(s.c().id());
            if (p != null) out.add(new Pick(p, s.score(), s.c().votes(), s.reasons()));
        }
        return out;
    }

    /**
     * Adds the server's feed arrivals that their feed's keywords let through to {@code pool}, and
     * takes out the ones they held back (unless voted for); returns the feed of each offered paper.
     */
    private Map<String, String> feedCandidates(String guildId, Map<String, Candidate> pool, LocalDate today) {
        List<FeedStore.Arrival> arrivals = feeds.since(
                guildId, today.minusDays(FEED_DAYS).atStartOfDay(ZoneOffset.UTC).toInstant(), FEED_ARRIVALS);
        if (arrivals.isEmpty()) return Map.of();
        Map<Long, List<FeedStore.Arrival>> byFeed = new LinkedHashMap<>();
        for (FeedStore.Arrival a : arrivals)
            byFeed.computeIfAbsent(a.feedId(), f -> new ArrayList<>()).add(a);
        Map<String, String> offered = new LinkedHashMap<>();
        Set<String> held = new HashSet<>();
        for (List<FeedStore.Arrival> one : byFeed.values()) {
            List<String> ids = one.stream().map(FeedStore.Arrival::paperId).toList();
            List<String> words = keywords(one.get(0).keywords());
            Set<String> through = new HashSet<>();
            if (words.isEmpty()) through.addAll(ids);
            for (String k : words) through.addAll(keywordMatches(k, ids));
            for (String id : ids) {
                if (through.contains(id)) offered.putIfAbsent(id, one.get(0).label());
                else held.add(id);
            }
        }
        held.removeAll(offered.keySet());
        List<String> missing =
                offered.keySet().stream().filter(id -> !pool.containsKey(id)).toList();
        for (Candidate c : store.candidatesAmong(guildId, missing)) pool.put(c.id(), c);
        pool.values().removeIf(c -> held.contains(c.id()) && c.votes() == 0);
        return offered;
    }

    /** The candidates' closest read or voted papers; a failure (a damaged vector) costs the term, not the post. */
    private Map<String, TeamTaste.Match> tasteMatches(String guildId, Set<String> candidates) {
        try {
            return taste.matches(guildId, candidates);
        } catch (RuntimeException e) {
            log.warn("The team's taste could not be weighed for server {}: {}", guildId, e.toString());
            return Map.of();
        }
    }

    static Scored score(Candidate c, List<String> matched, LocalDate today) {
        return score(c, matched, null, Optional.empty(), today);
    }

    static Scored score(
            Candidate c, List<String> matched, String feed, Optional<TeamTaste.Match> close, LocalDate today) {
        List<String> reasons = new ArrayList<>();
        double score = 0;
        if (c.upvotes() > 0) {
            score += W_UPVOTES * Math.log1p(c.upvotes());
            reasons.add(c.upvotes() + (c.upvotes() == 1 ? " upvote" : " upvotes"));
        }
        if (c.votes() > 0) {
            score += W_VOTES * c.votes();
            reasons.add(c.votes() + (c.votes() == 1 ? " vote" : " votes"));
        }
        boolean known = c.published() != null;
        LocalDate from = known ? c.published() : LocalDate.ofInstant(c.firstIngested(), ZoneOffset.UTC);
        long age = Math.max(0, ChronoUnit.DAYS.between(from, today));
        score += W_FRESH * Math.pow(0.5, age / FRESH_HALF_LIFE_DAYS);
        if (age == 0) reasons.add(known ? "new today" : "added today");
        else if (age < 7) reasons.add(known ? "new this week" : "added this week");
        List<String> distinct = List.copyOf(new LinkedHashSet<>(matched));
        if (!distinct.isEmpty()) {
            score += W_KEYWORD * distinct.size();
            reasons.add("matches "
                    + String.join(
                            ", ", distinct.stream().map(k -> "“" + k + "”").toList()));
        }
        if (feed != null) {
            score += W_FEED;
            reasons.add("from feed " + feed);
        }
        if (close.isPresent()) {
            score += close.get().term();
            reasons.add(close.get().reason());
        }
        return new Scored(c, score, reasons);
    }

    /** The keyword's best word matches, which join the pool (closeness in meaning is not a keyword match). */
    private Set<String> keywordHits(String keyword) {
        String query = keywordQuery(keyword);
        if (query.isEmpty()) return Set.of();
        try {
            Set<String> ids = new LinkedHashSet<>();
            for (SearchHit h : search.rank(query, KEYWORD_HITS, SearchMode.LEXICAL)) ids.add(h.id());
            return ids;
        } catch (RuntimeException e) {
            log.warn("Highlight keyword '{}' could not be searched: {}", keyword.strip(), e.toString());
            return Set.of();
        }
    }

    /** Which of these candidates the keyword's words match. */
    private Set<String> keywordMatches(String keyword, List<String> ids) {
        String query = keywordQuery(keyword);
        if (query.isEmpty() || ids.isEmpty()) return Set.of();
        try {
            return search.matching(query, ids);
        } catch (RuntimeException e) {
            log.warn("Highlight keyword '{}' could not be matched: {}", keyword.strip(), e.toString());
            return Set.of();
        }
    }

    /** Several words mean the phrase the moderator typed, not any of its words. */
    private static String keywordQuery(String keyword) {
        String k = keyword.replace("\"", " ").strip();
        return k.contains(" ") ? "\"" + k + "\"" : k;
    }

    /** Splits the server's comma-separated keywords, dropping blanks and repeats (case-insensitively). */
    public static List<String> keywords(String commaSeparated) {
        if (commaSeparated == null) return List.of();
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : commaSeparated.split(",")) {
            String t = k.strip();
            if (!t.isEmpty()) out.putIfAbsent(t.toLowerCase(Locale.ROOT), t);
        }
        return List.copyOf(out.values());
    }
}
