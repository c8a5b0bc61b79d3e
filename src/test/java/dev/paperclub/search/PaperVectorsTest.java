package dev.paperclub.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

final class PaperVectorsTest {

    private static String words(int n) {
        List<String> w = new ArrayList<>();
        for (int i = 0; i < n; i++) w.add("w" + i);
        return String.join(" ", w);
    }

    @Test
    @DisplayName("an abstract is read in 50-word windows, each with the title in front")
    void windows() {
        List<String> w = PaperVectors.windows("Cheap attention", words(120));
        assertEquals(3, w.size());
        assertTrue(w.get(0).startsWith("Cheap attention. w0 w1"));
        assertTrue(w.get(0).endsWith(" w49"));
        assertEquals("Cheap attention. " + words(120).substring(words(120).indexOf("w100")), w.get(2));
        assertEquals(List.of("Only a title"), PaperVectors.windows("Only a title", "  "));
    }

    @Test
    @DisplayName("a paper's vector is the unit-length mean of its windows' vectors, one model call per batch")
    void meanOfWindows() {
        List<List<String>> calls = new ArrayList<>();
        Embedder fake = new Embedder() {
            @Override
            public String modelId() {
                return "fake";
            }

            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public float[] embed(String text) {
                return embedAll(List.of(text)).get(0);
            }

            @Override
            public List<float[]> embedAll(List<String> texts) {
                calls.add(texts);
                // first window points along x, later ones along y
                return texts.stream()
                        .map(t -> t.contains(" w0") ? new float[] {1, 0} : new float[] {0, 1})
                        .toList();
            }
        };
        List<float[]> out =
                PaperVectors.embed(fake, List.of(new String[] {"A", words(100)}, new String[] {"B", words(10)}));
        assertEquals(1, calls.size());
        assertEquals(3, calls.get(0).size());
        float s = (float) Math.sqrt(0.5);
        assertArrayEquals(new float[] {s, s}, out.get(0), 1e-6f);
        assertArrayEquals(new float[] {1, 0}, out.get(1), 1e-6f);
    }
}
