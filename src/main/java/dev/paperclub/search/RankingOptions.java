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
public record RankingOptions(float k1, float b, float titleBoost, float phraseBoost, int phraseSlop,
                             int feedbackDocs, int feedbackTerms, float originalWeight,
                             float denseWeight, int candidates, float closeFloor) {

    public RankingOptions {
        if (k1 < 0 || b < 0 || b > 1) throw new IllegalArgumentException("bad BM25 parameters k1=" + k1 + " b=" + b);
        if (originalWeight < 0 || originalWeight > 1) throw new IllegalArgumentException("originalWeight must be 0..1");
        if (denseWeight < 0 || denseWeight > 1) throw new IllegalArgumentException("denseWeight must be 0..1");
        if (candidates < 1) throw new IllegalArgumentException("candidates must be positive");
        if (closeFloor < -1 || closeFloor > 1) throw new IllegalArgumentException("closeFloor must be a cosine, -1..1");
    }

    /** Every knob but the floor, which stays at its default. */
    public RankingOptions(float k1, float b, float titleBoost, float phraseBoost, int phraseSlop,
                          int feedbackDocs, int feedbackTerms, float originalWeight, float denseWeight, int candidates) {
        this(k1, b, titleBoost, phraseBoost, phraseSlop, feedbackDocs, feedbackTerms, originalWeight,
                denseWeight, candidates, CLOSE_FLOOR);
    }

    /** The lexical knobs alone; hybrid fusion at its defaults. */
    public RankingOptions(float k1, float b, float titleBoost, float phraseBoost, int phraseSlop,
                          int feedbackDocs, int feedbackTerms, float originalWeight) {
        this(k1, b, titleBoost, phraseBoost, phraseSlop, feedbackDocs, feedbackTerms, originalWeight,
                DENSE_WEIGHT, CANDIDATES);
    }

    /** See {@link #defaults()} for how it was chosen. */
    static final float DENSE_WEIGHT = 0.4f;
    static final int CANDIDATES = 100;
    static final float CLOSE_FLOOR = 0.325f;

    /**
     * The configuration chosen on SciFact train (809 judged queries, nDCG@10 / recall@100,
     * trec_eval -c semantics; {@code SearchEval --ablate} and {@code --sweep} reproduce them):
     * <ul>
     * <li>BM25 k1=0.9 b=0.4 (Anserini's): the k1 x b grid 0.9..1.5 x 0.4..0.9 is flat
     *     (0.695..0.699 without title boost), so the published, widely used values are kept
     *     rather than a train-set optimum.</li>
     * <li>One combined title+abstract field plus the title field at weight 0.2: 0.6974 -> 0.7029.
     *     The gain holds at every grid point (+0.004..+0.006); 0.1 gives 0.7020, 0.3 0.7036,
     *     0.5 drops to 0.6927, so 0.2 sits in the middle of the flat part. Separate fields
     *     instead (abstract + title x w, as FTS5 and Anserini "multifield" do) measured lower:
     *     w=1.0 0.6734, 0.5 0.6958, 0.3 0.6983.</li>
     * <li>No proximity boost: bigram sloppy phrases gave 0.6968 (w 0.1, slop 3), 0.6947 (0.3),
     *     0.7034/0.7044 with the title boost (slop 8 / slop 1) — within noise, at 2x the latency.</li>
     * <li>No RM3: 10 docs/10 terms/0.5 gave 0.6614, 5/20/0.7 0.6839, 10/10/0.8 with title 0.6931,
     *     3/10/0.7 0.6858 — recall@100 moves by at most +0.01, precision at 10 drops.</li>
     * <li>Hybrid (SearchEval --semantic, all-MiniLM-L6-v2 q8; both scores of every pooled
     *     candidate, standardized, blended): lexical 0.7029 / recall@100 0.9320, dense alone
     *     0.6572 / 0.9176 (title + 50-word windows averaged, see {@link PaperVectors}); dense weight
     *     0.2 0.7262, 0.3 0.7362, 0.35 0.7392, 0.4 0.7414 / 0.9520, 0.45 0.7395, 0.5 0.7378, 0.6 0.7357;
     *     200 candidates 0.7388 at 0.4, 0.7420 at 0.45 — no better, at 1.4x the latency, so 100.
     *     Before: min-max normalizing each list and scoring a document missing from a list 0
     *     there gave 0.7291 at 0.4 (one vector of the first 128 tokens); scoring candidates on both
     *     sides 0.7303; z-scores instead of min-max 0.7320; dividing by each list's top score
     *     instead of min-max 0.706-0.723.</li>
     * <li>Close-in-meaning floor (SearchEval --semantic): the cosine between each train claim and
     *     its 919 relevant abstracts against the 456,166 pairs of claims and abstracts judged for
     *     other claims; the floor maximizes Youden's J (share of relevant pairs at or above it minus
     *     share of the others): 0.300 keeps 96.3% / 6.78% (J 0.895), 0.325 95.1% / 4.54% (0.906),
     *     0.350 92.6% / 2.98% (0.896), 0.400 88.7% / 1.24% (0.874). Hybrid nDCG@10 does not move
     *     with it (0.7413 from no floor to 0.5): SciFact's claims share words with what they need.</li>
     * <li>Other similarities at title 0.2 (not offered): DFR In-B-H2 0.7049, IB 0.6962,
     *     LM Dirichlet mu 300 0.6921 / 1000 0.6878, DFI 0.6810 — no reason to leave BM25.</li>
     * </ul>
     */
    public static RankingOptions defaults() {
        return new RankingOptions(0.9f, 0.4f, 0.2f, 0f, 0, 0, 10, 0.5f);
    }

    public RankingOptions withBm25(float k1, float b) {
        return new RankingOptions(k1, b, titleBoost, phraseBoost, phraseSlop, feedbackDocs, feedbackTerms, originalWeight,
                denseWeight, candidates, closeFloor);
    }

    public RankingOptions withTitleBoost(float w) {
        return new RankingOptions(k1, b, w, phraseBoost, phraseSlop, feedbackDocs, feedbackTerms, originalWeight,
                denseWeight, candidates, closeFloor);
    }

    public RankingOptions withPhrase(float w, int slop) {
        return new RankingOptions(k1, b, titleBoost, w, slop, feedbackDocs, feedbackTerms, originalWeight,
                denseWeight, candidates, closeFloor);
    }

    public RankingOptions withFeedback(int docs, int terms, float origWeight) {
        return new RankingOptions(k1, b, titleBoost, phraseBoost, phraseSlop, docs, terms, origWeight,
                denseWeight, candidates, closeFloor);
    }

    public RankingOptions withFusion(float denseWeight, int candidates) {
        return new RankingOptions(k1, b, titleBoost, phraseBoost, phraseSlop, feedbackDocs, feedbackTerms, originalWeight,
                denseWeight, candidates, closeFloor);
    }

    public RankingOptions withCloseFloor(float cosine) {
        return new RankingOptions(k1, b, titleBoost, phraseBoost, phraseSlop, feedbackDocs, feedbackTerms, originalWeight,
                denseWeight, candidates, cosine);
    }
}
