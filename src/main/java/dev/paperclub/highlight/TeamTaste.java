package dev.paperclub.highlight;

import dev.paperclub.command.Echo;
import dev.paperclub.paper.Paper;
import dev.paperclub.search.SemanticModel;
import dev.paperclub.store.PaperStore;
import dev.paperclub.store.VectorStore;
import dev.paperclub.store.VoteStore;
import dev.paperclub.util.Texts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The team's taste: how close a highlight candidate is to a paper this server read (marked read
 * or picked) or voted for, by the papers' stored vectors (the semantic model's). The term is
 *
 * <pre>
 *   taste = {@value #WEIGHT} · max(0, (c − {@value #THRESHOLD}) / (1 − {@value #THRESHOLD}))
 * </pre>
 *
 * where {@code c} is the best cosine between the candidate and one of the server's
 * {@value #LIKED_MAX} most recent read or voted papers (not the candidate itself). The best
 * single paper, not the centroid: a team reads several topics, and the mean of two topics is
 * close to neither. Below the threshold nothing counts, so papers merely from the same broad
 * field earn nothing and cannot flood the highlights; a near-duplicate of a read paper earns the
 * full weight, and a typical related paper (cosine about 0.73) about 2 — as much as a paper from
 * this week, or between one and two team votes.
 *
 * <p>The threshold and weight were chosen on SciFact with {@code TasteEval}
 * (src/test/java/…/highlight/eval) and the shipped MiniLM model: a simulated team has read one
 * evidence abstract of a claim among 9 unrelated ones; the day's pool holds the claim's other
 * evidence abstracts and 200 unrelated ones, whose other terms are drawn like real upvotes and
 * ages. Of the pairs that bring at most 0.2 unrelated papers a day into the top 3 (flooding),
 * threshold 0.6 with weight 6 lifts the most evidence papers into the top 3: 28% of them against
 * 2% without the term on the tuning half, 27% (with 0.22 unrelated a day) on the other half.
 * Unrelated papers reach a cosine of 0.44 at the 90th percentile and 0.60 at the 99th; related
 * ones 0.52 at the 10th, 0.73 at the median.
 *
 * <p>Without vectors (semantic search off, the model not loaded yet, or no vectors for the
 * server's papers) there is no match: the term is absent and the reason says nothing of it.
 */
public final class TeamTaste {
    /** Score at full closeness; see the class comment for how it was chosen. */
    public static final double WEIGHT = 6.0;
    /** The cosine below which closeness counts for nothing. */
    public static final double THRESHOLD = 0.6;
    /** How many of the server's read or voted papers are compared, the most recent first. */
    static final int LIKED_MAX = 200;
    /** A title in a reason, cut to sit in one line among other reasons. */
    static final int TITLE_CHARS = 80;

    /** A paper the server read or voted for, as a reason names it. */
    public record Liked(String paperId, String title, boolean read) {}

    /** A candidate's closest liked paper and their cosine. */
    public record Match(Liked paper, double cosine) {
        /** The score this closeness earns. */
        public double term() {
            return WEIGHT * closeness(cosine);
        }

        /** "close to *Mamba*, which you read": the title echoed, so no markdown in it is read. */
        public String reason() {
            return "close to *" + Echo.of(Texts.cut(paper.title(), TITLE_CHARS)) + "*, which you "
                    + (paper.read() ? "read" : "voted for");
        }
    }

    /** 0 at or below the threshold, 1 for the same vector. */
    public static double closeness(double cosine) {
        return Math.max(0, (cosine - THRESHOLD) / (1 - THRESHOLD));
    }

    /** Where the ranker learns a server's matches. */
    public interface Source {
        /** For those of {@code candidates} close to what the server read or voted for: their closest such paper. */
        Map<String, Match> matches(String guildId, Collection<String> candidates);

        /** No taste: the term is absent. */
        static Source none() {
            return (guild, candidates) -> Map.of();
        }
    }

    private final List<Liked> liked;
    private final List<float[]> vectors;

    /** The liked papers and their vectors, in the same order. */
    public TeamTaste(List<Liked> liked, List<float[]> vectors) {
        if (liked.size() != vectors.size()) throw new IllegalArgumentException("one vector per liked paper");
        this.liked = List.copyOf(liked);
        this.vectors = List.copyOf(vectors);
    }

    /** The closest liked paper other than the candidate itself, when it is above the threshold. */
    public Optional<Match> closest(String candidateId, float[] candidate) {
        Match best = null;
        for (int i = 0; i < liked.size(); i++) {
            if (liked.get(i).paperId().equals(candidateId)) continue;
            double c = cosine(candidate, vectors.get(i));
            if (c > THRESHOLD && (best == null || c > best.cosine())) best = new Match(liked.get(i), c);
        }
        return Optional.ofNullable(best);
    }

    static double cosine(float[] a, float[] b) {
        if (a.length != b.length) return 0;
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    /** The server's taste from its votes and read marks and the vectors the store keeps for the enabled model. */
    public static Source from(VoteStore votes, VectorStore vectorStore, PaperStore papers, SemanticModel semantic) {
        return (guildId, candidates) -> {
            if (!semantic.enabled() || candidates.isEmpty()) return Map.of();
            String model = semantic.modelId();
            List<VoteStore.Engaged> engaged = votes.engaged(guildId, LIKED_MAX);
            if (engaged.isEmpty()) return Map.of();
            Map<String, float[]> likedVectors = vectorStore.find(
                    model, engaged.stream().map(VoteStore.Engaged::paperId).toList());
            if (likedVectors.isEmpty()) return Map.of();
            Map<String, String> titles = new HashMap<>();
            for (Paper p : papers.findAll(likedVectors.keySet())) titles.put(p.id(), p.title());
            List<Liked> liked = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            for (VoteStore.Engaged e : engaged) {
                float[] v = likedVectors.get(e.paperId());
                String title = titles.get(e.paperId());
                if (v == null || title == null) continue; // no vector yet, or removed: it names nothing
                liked.add(new Liked(e.paperId(), title, e.read()));
                vectors.add(v);
            }
            TeamTaste taste = new TeamTaste(liked, vectors);
            Map<String, Match> out = new HashMap<>();
            vectorStore.find(model, candidates).forEach((id, v) -> taste.closest(id, v)
                    .ifPresent(m -> out.put(id, m)));
            return out;
        };
    }
}
