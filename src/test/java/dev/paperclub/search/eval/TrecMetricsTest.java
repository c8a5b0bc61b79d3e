package dev.paperclub.search.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paperclub.cli.TrecRun;
import dev.paperclub.search.SearchHit;
import dev.paperclub.search.eval.TrecMetrics.Scored;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

final class TrecMetricsTest {

    @Test
    @DisplayName("ties are broken by docid descending, as trec_eval does")
    void ties() {
        List<Scored> run = List.of(new Scored("a", 1.0), new Scored("c", 1.0), new Scored("b", 2.0));
        assertEquals(
                List.of("b", "c", "a"),
                TrecMetrics.trecOrder(run).stream().map(Scored::docId).toList());
    }

    @Test
    @DisplayName("nDCG@10 uses graded gains and the ideal ranking from the qrels; nothing retrieved scores 0")
    void ndcg() {
        Map<String, Integer> qrels = Map.of("x", 1, "y", 1);
        assertEquals(1.0, TrecMetrics.ndcg(List.of(new Scored("x", 2), new Scored("y", 1)), qrels, 10), 1e-9);
        double expected = (1 / (Math.log(3) / Math.log(2))) / (1 + 1 / (Math.log(3) / Math.log(2)));
        assertEquals(expected, TrecMetrics.ndcg(List.of(new Scored("z", 2), new Scored("x", 1)), qrels, 10), 1e-9);
        assertEquals(0.0, TrecMetrics.ndcg(List.of(), qrels, 10));
        assertEquals(0.5, TrecMetrics.recall(List.of(new Scored("x", 1), new Scored("q", 0.5)), qrels, 100), 1e-9);
    }

    @Test
    @DisplayName("a TREC run line is: qid Q0 docid rank score paperclub")
    void runFormat() throws Exception {
        StringWriter w = new StringWriter();
        TrecRun.write(w, "7", List.of(new SearchHit("123", "", 4.5f, ""), new SearchHit("9", "", 1.25f, "")));
        assertEquals("7 Q0 123 1 4.5 paperclub\n7 Q0 9 2 1.25 paperclub\n", w.toString());
    }
}
