package dev.paperclub.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cue-phrase columns: each fires on every form its pattern names, and only on those. */
class SentenceFeaturesTest {

    private static final IdfTable IDF = new IdfTable(10, Map.of());

    private static double cue(String column, String sentence) {
        double[][] x = SentenceFeatures.compute("A title", List.of(sentence), IDF);
        return x[0][SentenceFeatures.NAMES.indexOf(column)];
    }

    private static void fires(String column, String... sentences) {
        for (String s : sentences) assertEquals(1.0, cue(column, s), column + " should fire on: " + s);
    }

    private static void silent(String column, String... sentences) {
        for (String s : sentences) assertEquals(0.0, cue(column, s), column + " should not fire on: " + s);
    }

    @Test
    void everyFormOfEachCueFires() {
        fires("cue_propose", "We propose a method.", "This article tackles it.", "In short, this work devises codes.");
        fires("cue_paper", "In this study we look.", "This paper is short.", "Here, we look.", "Here we look.");
        fires(
                "cue_show",
                "We validate it.",
                "Results confirm it.",
                "Evaluations indicate gains.",
                "Evaluation shows it.",
                "Our analysis reveal it.",
                "Experiments suggest so.");
        fires("cue_our", "Our proposed loss helps.", "It is our framework.");
        fires("cue_novel", "A novel loss.", "The first study.", "A new idea.");
        fires(
                "cue_outperform",
                "It is state-of-the-art.",
                "It is state of the art.",
                "It outperforms all.",
                "It improves recall.",
                "A superior model.",
                "It is competitive.",
                "Significantly so.");
        fires(
                "cue_background",
                "This has been hard.",
                "It is a problem.",
                "It remains open.",
                "A challenging task.",
                "Recently, it grew.",
                "However, no.",
                "Existing methods fail.",
                "Popular tools.",
                "It is often slow.");
        fires("starts_contrast", "However, it fails.", "Despite this, it works.");
        fires("starts_connective", "In addition, it runs.", "To this end, we look.", "Lastly, it ends.");
    }

    @Test
    void lookalikesDoNotFire() {
        silent("cue_propose", "Weak proposals abound.", "These papers propose nothing.");
        silent("cue_paper", "Thesis papers exist.", "There we are.");
        silent("cue_show", "Answer shows it.", "The result shows it.");
        silent("cue_our", "Hour methods vary.", "Ours is a model.");
        silent("cue_novel", "Novelty matters.", "Renewal is firstly rare.");
        silent("cue_outperform", "The statement is improper.");
        silent("cue_background", "Is an option.", "Frequent events.");
        silent("starts_contrast", "It fails, however.");
        silent("starts_connective", "It runs also.");
    }
}
