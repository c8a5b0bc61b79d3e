package dev.paperclub.search;

/**
 * Ranking knobs. {@link #defaults()} is the configuration chosen on SciFact train; the
 * numbers behind each choice are in the comments there. The record exists so that
 * {@code SearchEval} can ablate them without a second code path.
 *
 * @param k1              BM25 term-frequency saturation
 * @param b               BM25 length normalization
 * @param titleBoost      weight of a match in the title field on top of the combined title+abstract field (0 = off)
 * @param phraseBoost     weight of sloppy-phrase matches of adjacent query words (0 = off)
 * @param phraseSlop      slop of those phrases
 * @param feedbackDocs    RM3 pseudo-relevance feedback: top documents used (0 = off)
 * @param feedbackTerms   RM3: expansion terms kept
 * @param originalWeight  RM3: weight of the original query against the expansion (0..1)
 * @param denseWeight     hybrid: weight of the min-max normalized vector similarity against the
 *                        normalized BM25 score (0 = lexical ranking, 1 = vectors only)
 * @param candidates      hybrid: BM25 hits and nearest neighbours each fetched before fusing
 * @param closeFloor      hybrid and dense: the cosine similarity a paper that the words do not match
 *                        needs to count as a result ("close in meaning"); below it, a neighbour helps
 *                        no one and is not shown. -1 keeps every neighbour
 */
public record RankingOptions(
        float k1,
        float b,
        float titleBoost,
        float phraseBoost,
        int phraseSlop,
        int feedbackDocs,
        int feedbackTerms,
        float originalWeight,
        float denseWeight,
        int candidates,
        float closeFloor) {

    public RankingOptions {
        if (k1 < 0 || b < 0 || b > 1) throw new IllegalArgumentException("bad BM25 parameters k1=" + k1 + " b=" + b);
        if (originalWeight < 0 || originalWeight > 1) throw new IllegalArgumentException("originalWeight must be 0..1");
        if (denseWeight < 0 || denseWeight > 1) throw new IllegalArgumentException("denseWeight must be 0..1");
        if (candidates < 1) throw new IllegalArgumentException("candidates must be positive");
        if (closeFloor < -1 || closeFloor > 1) throw new IllegalArgumentException("closeFloor must be a cosine, -1..1");
    }

    /** The lexical knobs alone; hybrid fusion at its defaults. */
    public RankingOptions(
            float k1,
            float b,
            float titleBoost,
            float phraseBoost,
            int phraseSlop,
            int feedbackDocs,
            int feedbackTerms,
            float originalWeight) {
        this(
                k1,
                b,
                titleBoost,
                phraseBoost,
                phraseSlop,
                feedbackDocs,
                feedbackTerms,
                originalWeight,
                DENSE_WEIGHT,
                CANDIDATES,
                CLOSE_FLOOR);
    }

    /** See {@link #defaults()} for how it was chosen. */
    static final float DENSE_WEIGHT = 0.4f;

    static final int CANDIDATES = 100;
    static final float CLOSE_FLOOR = 0.325f;

    /**
     * The configuration chosen on SciFact train (nDCG@10 and recall@100; {@code SearchEval
     * --ablate}, {@code --sweep} and {@code --semantic} reproduce each figure, which the README
     * lists under "Ranking choices"):
     * <ul>
     * <li>BM25 k1=0.9 b=0.4 (Anserini's): the k1 x b grid is flat, so the published, widely used
     *     values are kept rather than a train-set optimum.</li>
     * <li>One combined title+abstract field plus the title field at weight 0.2: the gain holds at
     *     every grid point, and 0.2 sits in the middle of the flat part. Separate fields instead
     *     (abstract + title x w, as FTS5 and Anserini "multifield" do) ranked lower.</li>
     * <li>No proximity boost: bigram sloppy phrases moved nDCG within noise, at twice the latency.</li>
     * <li>No RM3: every setting tried lowered nDCG@10; recall@100 barely moved.</li>
     * <li>Hybrid (both scores of every pooled candidate, standardized, blended): dense weight 0.4
     *     is the top of the sweep; more candidates were no better and slower, so 100. Z-scores
     *     beat min-max and dividing by each list's top score.</li>
     * <li>Close-in-meaning floor: the cosine that maximizes Youden's J (share of a claim's relevant
     *     abstracts at or above it minus share of the abstracts judged for other claims). Hybrid
     *     nDCG@10 does not move with it: SciFact's claims share words with what they need.</li>
     * <li>Other similarities (DFR, IB, LM Dirichlet, DFI; not offered) gave no reason to leave BM25.</li>
     * </ul>
     */
    public static RankingOptions defaults() {
        return new RankingOptions(0.9f, 0.4f, 0.2f, 0f, 0, 0, 10, 0.5f);
    }

    public RankingOptions withBm25(float k1, float b) {
        return with(k -> {
            k.k1 = k1;
            k.b = b;
        });
    }

    public RankingOptions withTitleBoost(float w) {
        return with(k -> k.titleBoost = w);
    }

    public RankingOptions withPhrase(float w, int slop) {
        return with(k -> {
            k.phraseBoost = w;
            k.phraseSlop = slop;
        });
    }

    public RankingOptions withFeedback(int docs, int terms, float origWeight) {
        return with(k -> {
            k.feedbackDocs = docs;
            k.feedbackTerms = terms;
            k.originalWeight = origWeight;
        });
    }

    public RankingOptions withFusion(float denseWeight, int candidates) {
        return with(k -> {
            k.denseWeight = denseWeight;
            k.candidates = candidates;
        });
    }

    public RankingOptions withCloseFloor(float cosine) {
        return with(k -> k.closeFloor = cosine);
    }

    /** A copy with the knobs {@code change} sets; the rest as here (the constructor still checks them). */
    private RankingOptions with(java.util.function.Consumer<Knobs> change) {
        Knobs k = new Knobs(this);
        change.accept(k);
        return new RankingOptions(
                k.k1,
                k.b,
                k.titleBoost,
                k.phraseBoost,
                k.phraseSlop,
                k.feedbackDocs,
                k.feedbackTerms,
                k.originalWeight,
                k.denseWeight,
                k.candidates,
                k.closeFloor);
    }

    /** The knobs as a mutable copy, for {@link #with}. */
    private static final class Knobs {
        float k1, b, titleBoost, phraseBoost, originalWeight, denseWeight, closeFloor;
        int phraseSlop, feedbackDocs, feedbackTerms, candidates;

        Knobs(RankingOptions o) {
            k1 = o.k1;
            b = o.b;
            titleBoost = o.titleBoost;
            phraseBoost = o.phraseBoost;
            phraseSlop = o.phraseSlop;
            feedbackDocs = o.feedbackDocs;
            feedbackTerms = o.feedbackTerms;
            originalWeight = o.originalWeight;
            denseWeight = o.denseWeight;
            candidates = o.candidates;
            closeFloor = o.closeFloor;
        }
    }
}
