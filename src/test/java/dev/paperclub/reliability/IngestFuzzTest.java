package dev.paperclub.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.paperclub.App;
import dev.paperclub.TestApps;
import dev.paperclub.ingest.IngestException;
import dev.paperclub.ingest.IngestInput;
import dev.paperclub.ingest.IngestOptions;
import dev.paperclub.ingest.IngestReport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded mutations of every real sample: ingest must end in a report or a clean
 * IngestException — never another exception — and a refused input must leave the store
 * exactly as it was (no partial file). Seeds are fixed, so a failure reproduces.
 */
final class IngestFuzzTest {
    private static final int ROUNDS = 60;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "hf_page_000.txt",
                "hf_listing_001.txt",
                "hf_page_002.txt",
                "hf_daily_papers_2026-06.json",
                "arxiv_atom_2026.xml",
                "arxiv_atom_classic_2020.xml",
                "export.jsonl"
            })
    void mutatedInputsEndCleanly(String sample) throws Exception {
        try (App app = TestApps.open(dir)) {
            byte[] original = sample.equals("export.jsonl") ? exportSample() : TestApps.sample(sample);
            Random rnd = new Random(sample.hashCode());
            for (int round = 0; round < ROUNDS; round++) {
                byte[] mutated = mutate(original, rnd, round);
                int before = app.papers().count();
                long seq = app.papers().changeSequence();
                try {
                    IngestReport r =
                            app.ingest().ingest(IngestInput.ofBytes("fuzz-" + round, mutated), IngestOptions.DEFAULT);
                    assertEquals(before + r.added(), app.papers().count(), "report matches the store, round " + round);
                } catch (IngestException e) {
                    assertTrue(e.getMessage().startsWith("fuzz-" + round), e.getMessage());
                    assertEquals(before, app.papers().count(), "refused whole, round " + round);
                    assertEquals(seq, app.papers().changeSequence(), "nothing changed, round " + round);
                } catch (RuntimeException e) {
                    fail("round " + round + " of " + sample + " threw " + e, e);
                }
            }
            assertEquals("ok", app.database().integrityCheck());
            app.index().refresh();
            assertEquals(app.papers().count(), app.index().count(), "index follows the store");
        }
    }

    private static byte[] exportSample() throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            b.append("{\"id\":\"2401.")
                    .append(String.format("%05d", i))
                    .append("\",\"title\":\"Paper number ")
                    .append(i)
                    .append("\",\"abstract\":\"We study thing ")
                    .append(i)
                    .append(". It works.\",\"authors\":[\"A B\"],")
                    .append("\"published\":\"2024-01-0")
                    .append(1 + i % 9)
                    .append("\",\"upvotes\":")
                    .append(i)
                    .append(",\"sources\":[\"x\"]}\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] mutate(byte[] in, Random rnd, int round) {
        return switch (round % 9) {
            case 0 -> Arrays.copyOf(in, rnd.nextInt(in.length + 1)); // truncation
            case 1 -> {
                byte[] out = in.clone();
                for (int i = 0; i < 1 + rnd.nextInt(8); i++)
                    out[rnd.nextInt(out.length)] ^= (byte) (1 << rnd.nextInt(8));
                yield out; // bit flips
            }
            case 2 ->
                text(in).replace("\n\n", rnd.nextBoolean() ? "\n" : "\n\n\n")
                        .getBytes(StandardCharsets.UTF_8); // blank lines
            case 3 -> insertAt(in, rnd, ("x".repeat(1 << 20) + "\n").getBytes(StandardCharsets.UTF_8)); // a 1 MB line
            case 4 -> insertAt(in, rnd, randomUnicode(rnd).getBytes(StandardCharsets.UTF_8));
            case 5 -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, in); // BOM
            case 6 -> mixedLineEnds(text(in), rnd).getBytes(StandardCharsets.UTF_8);
            case 7 -> insertAt(in, rnd, new byte[] {0, 1, 2, (byte) 0xFF, (byte) 0xFE}); // binary garbage
            default -> {
                String t = text(in);
                int a = rnd.nextInt(t.length());
                int b = Math.min(t.length(), a + rnd.nextInt(400));
                yield (t.substring(0, a) + t.substring(b)).getBytes(StandardCharsets.UTF_8); // a deleted span
            }
        };
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] insertAt(byte[] in, Random rnd, byte[] what) {
        int at = rnd.nextInt(in.length + 1);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(in, 0, at);
        o.writeBytes(what);
        o.write(in, at, in.length - at);
        return o.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String randomUnicode(Random rnd) {
        StringBuilder b = new StringBuilder();
        int n = 1 + rnd.nextInt(200);
        for (int i = 0; i < n; i++) {
            int cp =
                    switch (rnd.nextInt(5)) {
                        case 0 -> rnd.nextInt(0x20); // control characters
                        case 1 -> 0x1F600 + rnd.nextInt(80); // emoji
                        case 2 -> 0x0590 + rnd.nextInt(0x100); // right-to-left scripts
                        case 3 -> 0x200B + rnd.nextInt(5); // zero-width characters
                        default -> 0x4E00 + rnd.nextInt(0x500);
                    };
            b.appendCodePoint(cp);
        }
        return b.toString();
    }

    private static String mixedLineEnds(String t, Random rnd) {
        StringBuilder b = new StringBuilder();
        for (String line : t.split("\n", -1)) {
            b.append(line)
                    .append(
                            switch (rnd.nextInt(3)) {
                                case 0 -> "\n";
                                case 1 -> "\r\n";
                                default -> "\r";
                            });
        }
        return b.toString();
    }
}
