package dev.paperclub.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

final class SentenceSplitterTest {

    private final SentenceSplitter splitter = new SentenceSplitter();

    private void assertSplit(String text, String... expected) {
        assertEquals(List.of(expected), splitter.split(text));
    }

    @Test
    void exempliGratiaAndIdEst() {
        assertSplit(
                "We use priors, e.g. Gaussian ones, and losses, i.e. Hinge. They work.",
                "We use priors, e.g. Gaussian ones, and losses, i.e. Hinge.",
                "They work.");
    }

    @Test
    void etAl() {
        assertSplit(
                "As in Smith et al. (2020) we train twice. Results follow.",
                "As in Smith et al. (2020) we train twice.",
                "Results follow.");
        assertSplit("Following Vaswani et al. We improve it.", "Following Vaswani et al. We improve it.");
    }

    @Test
    void figureAndEquationReferences() {
        assertSplit(
                "See Fig. 3 for details. As Eq. (2) shows, it converges. Done.",
                "See Fig. 3 for details.",
                "As Eq. (2) shows, it converges.",
                "Done.");
    }

    @Test
    void versusConferApprox() {
        assertSplit(
                "CNNs vs. Transformers differ (cf. Table 2). It takes approx. 3 hours. End.",
                "CNNs vs. Transformers differ (cf. Table 2).",
                "It takes approx. 3 hours.",
                "End.");
    }

    @Test
    void decimalsAndPercentages() {
        assertSplit(
                "Error drops by 0.5% to 3.14 points. Next we test.",
                "Error drops by 0.5% to 3.14 points.", "Next we test.");
    }

    @Test
    void versionNumbers() {
        assertSplit(
                "We use v1.2.3 of the tool with Python 3.10. It runs fast.",
                "We use v1.2.3 of the tool with Python 3.10.",
                "It runs fast.");
    }

    @Test
    void urls() {
        assertSplit(
                "Code is at https://github.com/a/b.git and more. Try it.",
                "Code is at https://github.com/a/b.git and more.",
                "Try it.");
        assertSplit(
                "Code is available at github.com/x/y. We hope it helps.",
                "Code is available at github.com/x/y.",
                "We hope it helps.");
    }

    @Test
    void latex() {
        assertSplit(
                "It runs in $O(n^2)$ time. Points lie in $\\mathbb{R}^d$. Next we prove it.",
                "It runs in $O(n^2)$ time.",
                "Points lie in $\\mathbb{R}^d$.",
                "Next we prove it.");
        assertSplit("Let $x. Y$ be given. Done.", "Let $x. Y$ be given.", "Done.");
    }

    @Test
    void capitalAbbreviations() {
        assertSplit(
                "The U.S. market and A.I. systems grow. We study LLMs. Speech recognition (ASR). Next one.",
                "The U.S. market and A.I. systems grow.",
                "We study LLMs.",
                "Speech recognition (ASR).",
                "Next one.");
        assertSplit("Data come from the U.S. We analyze them.", "Data come from the U.S.", "We analyze them.");
    }

    @Test
    void quotesAndParenthesesAfterThePeriod() {
        assertSplit(
                "He called it \"robust.\" Then it failed. (See the appendix.) Finally, done.",
                "He called it \"robust.\"",
                "Then it failed.",
                "(See the appendix.)",
                "Finally, done.");
    }

    @Test
    void questionAndExclamationMarks() {
        assertSplit(
                "Can models reason? We show they can! Surprising.",
                "Can models reason?",
                "We show they can!",
                "Surprising.");
    }

    @Test
    void whitespaceAndNewlines() {
        assertSplit(
                "  First   sentence\nwraps here.   Second\r\none.\n\nThird without period\n\nFourth.",
                "First sentence wraps here.",
                "Second one.",
                "Third without period",
                "Fourth.");
    }

    @Test
    void lowercaseContinuationDoesNotSplit() {
        assertSplit("This is approx. the same as before. Good.", "This is approx. the same as before.", "Good.");
    }

    @Test
    void degenerateInputs() {
        assertEquals(List.of(), splitter.split(null));
        assertEquals(List.of(), splitter.split("   \n\t "));
        assertSplit("No terminal punctuation", "No terminal punctuation");
        assertSplit("Emoji 🚀 work. \u0000Control chars too.", "Emoji 🚀 work.", "Control chars too.");
    }
}
