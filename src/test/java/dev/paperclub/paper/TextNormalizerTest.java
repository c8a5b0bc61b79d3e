package dev.paperclub.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

final class TextNormalizerTest {

    /** Pieces random texts are made of: plain ASCII, spaces of every kind, entities, controls, non-ASCII letters. */
    private static final List<String> PIECES = List.of(
            "a",
            "Z",
            "7",
            "attention",
            "Transformer",
            " ",
            "  ",
            "\t",
            "\n",
            "\r\n",
            "\u00A0",
            "\u2009",
            "\u3000",
            "&amp;",
            "&lt;b&gt;",
            "&#946;",
            "&",
            "&nosuch;",
            "-",
            ":",
            "(",
            ")",
            "'",
            "\"",
            "~",
            "\u007F",
            "\u0001",
            "é",
            "β",
            "ﬁ",
            "ß",
            "Σ",
            "①",
            "\uFFFD",
            "x²");

    @Test
    @DisplayName("the quick paths for plain ASCII give exactly what the full normalization gives, for any text")
    void quickPathsAgreeWithTheLongWay() {
        Random rnd = new Random(7);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            int parts = rnd.nextInt(12);
            // half the texts from the ASCII pieces only, so the quick paths are taken often
            int range = rnd.nextBoolean() ? 26 : PIECES.size();
            for (int i = 0; i < parts; i++) b.append(PIECES.get(rnd.nextInt(range)));
            String s = b.toString();
            assertEquals(TextNormalizer.cleanAnyText(s), TextNormalizer.clean(s), () -> "clean of [" + s + "]");
            assertEquals(
                    TextNormalizer.titleKeyOfAnyText(s), TextNormalizer.titleKey(s), () -> "titleKey of [" + s + "]");
        }
        assertEquals("a b", TextNormalizer.clean("  a \t b \n"));
        assertEquals("attentionisallyouneed", TextNormalizer.titleKey("Attention Is All You Need!"));
    }
}
