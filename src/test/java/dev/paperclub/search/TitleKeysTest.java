package dev.paperclub.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

final class TitleKeysTest {

    @Test
    @DisplayName("the quick path for ASCII titles gives exactly the full normalization's key")
    void quickPathAgreesWithTheLongWay() {
        String alphabet = "aZ7 -:&;()'\t\n\u007F\u0001éßΣﬁ①²İ";
        Random rnd = new Random(11);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            int len = rnd.nextInt(16);
            // half the titles in ASCII only, so the quick path is taken often
            int range = rnd.nextBoolean() ? 13 : alphabet.length();
            for (int i = 0; i < len; i++) b.append(alphabet.charAt(rnd.nextInt(range)));
            String s = b.toString();
            assertEquals(TitleKeys.normalizeAnyText(s), TitleKeys.normalize(s), () -> "key of [" + s + "]");
        }
    }
}
