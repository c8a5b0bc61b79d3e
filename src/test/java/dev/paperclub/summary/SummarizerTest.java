package dev.paperclub.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

final class SummarizerTest {

    private static final Summarizer SUMMARIZER = new Summarizer();

    private static final String TITLE = "Adaptive Loss Scaling for Mixed Precision Training";
    private static final String ABSTRACT =
            "Mixed precision training (MPT) is becoming a practical technique to improve "
                    + "the speed and energy efficiency of training deep neural networks by leveraging the fast hardware support "
                    + "for IEEE half-precision floating point that is available in existing GPUs. MPT is typically used in "
                    + "combination with a technique called loss scaling, that works by scaling up the loss value up before the "
                    + "start of backpropagation in order to minimize the impact of numerical underflow on training. "
                    + "Unfortunately, existing methods make this loss scale value a hyperparameter that needs to be tuned "
                    + "per-model, and a single scale cannot be adapted to different layers at different training stages. "
                    + "We introduce a loss scaling-based training method called adaptive loss scaling that makes MPT easier "
                    + "and more practical to use, by removing the need to tune a model-specific loss scale hyperparameter. "
                    + "We achieve this by introducing layer-wise loss scale values which are automatically computed during "
                    + "training to deal with underflow more effectively than existing methods. We present experimental results "
                    + "on a variety of networks and tasks that show our approach can shorten the time to convergence and "
                    + "improve accuracy, compared with using the existing state-of-the-art MPT and single-precision floating point.";

    @Test
    void picksTheContributionSentenceNotTheBackground() {
        Summary s = SUMMARIZER.summarize(TITLE, ABSTRACT);
        assertTrue(s.tldr().startsWith("We introduce a loss scaling-based training method"), s.tldr());
    }

    @Test
    void deterministic() {
        assertEquals(SUMMARIZER.summarize(TITLE, ABSTRACT), SUMMARIZER.summarize(TITLE, ABSTRACT));
        assertEquals(SUMMARIZER.summarize(TITLE, ABSTRACT), new Summarizer().summarize(TITLE, ABSTRACT));
    }

    @Test
    void pointsKeepAbstractOrderAndNeverRepeatTheTldr() {
        Summary s = SUMMARIZER.summarize(TITLE, ABSTRACT);
        assertTrue(s.points().size() >= 2 && s.points().size() <= 3, s.points().toString());
        assertFalse(s.points().contains(s.tldr()));
        int last = -1;
        for (String p : s.points()) {
            int at = ABSTRACT.indexOf(p);
            assertTrue(at > last, "point out of order or not from the abstract: " + p);
            last = at;
            assertFalse(p.contains(s.tldr()) || s.tldr().contains(p));
        }
    }

    @Test
    void keywordsAreFiveToEightAndOccurInTheText() {
        Summary s = SUMMARIZER.summarize(TITLE, ABSTRACT);
        assertTrue(
                s.keywords().size() >= 5 && s.keywords().size() <= 8,
                s.keywords().toString());
        String text = (TITLE + " " + ABSTRACT).toLowerCase(Locale.ROOT);
        for (String k : s.keywords()) {
            assertTrue(text.contains(k.toLowerCase(Locale.ROOT)), k);
        }
        assertEquals(
                s.keywords().size(),
                s.keywords().stream()
                        .map(k -> String.join(" ", Text.stems(k)))
                        .distinct()
                        .count());
        assertTrue(s.keywords().stream().anyMatch(k -> k.split(" ").length > 1), "expects some multi-word phrase");
    }

    @Test
    void keywordsNonEmptyForAShortAbstract() {
        Summary s = SUMMARIZER.summarize("", "Graph neural networks fail on heterophilous graphs.");
        assertFalse(s.keywords().isEmpty());
        for (String k : s.keywords()) {
            assertTrue("graph neural networks fail on heterophilous graphs.".contains(k.toLowerCase(Locale.ROOT)), k);
        }
    }

    @Test
    void longSingleSentenceIsCutAtAWordBoundary() {
        StringBuilder sb = new StringBuilder("We propose");
        while (sb.length() < 2000) {
            sb.append(" scalable transformer");
        }
        String sentence = sb.append('.').toString();
        Summary s = SUMMARIZER.summarize("T", sentence);
        assertTrue(s.tldr().length() <= 300, "length " + s.tldr().length());
        assertTrue(s.tldr().endsWith("…"));
        String head = s.tldr().substring(0, s.tldr().length() - 1);
        assertTrue(sentence.startsWith(head), "must be a prefix of the sentence");
        assertEquals(' ', sentence.charAt(head.length()), "cut must fall on a word boundary");
        assertEquals(List.of(), s.points());
    }

    @Test
    void oneSentenceAbstract() {
        Summary s = SUMMARIZER.summarize("A title", "Transformers can count.");
        assertEquals("Transformers can count.", s.tldr());
        assertEquals(List.of(), s.points());
    }

    @Test
    void leadInIsTrimmedWhenTheModelSaysSo() {
        Summary s = SUMMARIZER.summarize("", "In this paper, we propose a sparse attention model for long documents.");
        assertEquals("We propose a sparse attention model for long documents.", s.tldr());
    }

    @Test
    void emptyAbstractIsAUserFacingError() {
        for (String empty : new String[] {null, "", "   \n\t "}) {
            SummaryException e = assertThrows(SummaryException.class, () -> SUMMARIZER.summarize("T", empty));
            assertEquals("This paper has no abstract to summarize.", e.getMessage());
        }
        assertThrows(SummaryException.class, () -> SUMMARIZER.summarizeSentences("T", List.of(" ", "")));
        assertThrows(SummaryException.class, () -> SUMMARIZER.summarizeSentences(null, null));
    }

    @Test
    void hostileInputNeverThrowsAnythingElse() {
        String huge = "Word. ".repeat(200_000);
        String[] inputs = {
            huge,
            "\u0000\u0001\u0007 control \u001b[31m chars. More\u0000 here.",
            "🚀🔥 emoji only 🤖. 😀",
            "$$$$ unbalanced $ math. ((( [ {",
            "....!!!???",
            "\uD800 lone surrogate. Next",
            "x".repeat(5000)
        };
        for (String in : inputs) {
            Summary s = SUMMARIZER.summarize(null, in);
            assertTrue(s.tldr().length() <= 300);
            assertFalse(s.tldr().isEmpty());
        }
    }

    @Test
    void presplitSentencesMatchSciTldrLayout() {
        List<String> sents = List.of(
                "Deep nets are hard to train.",
                "We propose a new normaliser that fixes it.",
                "Experiments confirm the gains.");
        Summary s = SUMMARIZER.summarizeSentences("A normaliser for deep nets", sents);
        assertTrue(sents.contains(s.tldr()), s.tldr());
        assertEquals(2, s.points().size());
    }
}
