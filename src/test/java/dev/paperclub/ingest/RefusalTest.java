package dev.paperclub.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.paperclub.App;
import dev.paperclub.TestApps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class RefusalTest {
    @TempDir
    Path dir;

    private static IngestException refused(App app, String name, byte[] bytes) {
        return assertThrows(IngestException.class, () -> app.ingest()
                .ingest(IngestInput.ofBytes(name, bytes), IngestOptions.DEFAULT));
    }

    @Test
    void unreadableInputsAreRefusedWholeAndTheStoreIsUnchanged() throws Exception {
        try (App app = TestApps.open(dir)) {
            TestApps.ingestSample(app, "hf_page_000.txt");
            long seq = app.papers().changeSequence();

            byte[] json = TestApps.sample("hf_daily_papers_2026-06.json");
            byte[] cut = Arrays.copyOf(json, json.length / 2);
            IngestException truncated = refused(app, "cut.json", cut);
            assertTrue(truncated.getMessage().startsWith("cut.json: "), truncated.getMessage());
            assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
            long lastLine = new String(cut, StandardCharsets.UTF_8).lines().count();
            assertTrue(truncated.getMessage().contains("at line " + lastLine + " "), truncated.getMessage());

            byte[] atom = TestApps.sample("arxiv_atom_2026.xml");
            IngestException badXml = refused(app, "cut.xml", Arrays.copyOf(atom, atom.length - 200));
            assertTrue(badXml.getMessage().contains("line"), badXml.getMessage());

            byte[] jsonl =
                    "{\"title\":\"A\",\"abstract\":\"B\"}\n{\"title\":\"C\",\"abs".getBytes(StandardCharsets.UTF_8);
            IngestException cutLine = refused(app, "cut.jsonl", jsonl);
            assertTrue(cutLine.getMessage().contains("line 2"), cutLine.getMessage());

            IngestException binary =
                    refused(app, "img.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0, 0, 1, 2});
            assertTrue(
                    binary.getMessage().contains("binary")
                            && binary.getMessage().contains("line 2"),
                    binary.getMessage());

            IngestException empty = refused(app, "empty.txt", new byte[0]);
            assertTrue(empty.getMessage().contains("empty"), empty.getMessage());

            IngestException unknown =
                    refused(app, "notes.txt", "just some notes\nnothing here\n".getBytes(StandardCharsets.UTF_8));
            assertTrue(unknown.getMessage().contains("unrecognized format"), unknown.getMessage());

            byte[] latin1 = "{\"title\":\"Caf\u00e9\",\"abstract\":\"x\"}\n".getBytes(StandardCharsets.ISO_8859_1);
            IngestException notUtf8 = refused(app, "latin1.jsonl", latin1);
            assertTrue(notUtf8.getMessage().contains("UTF-8"), notUtf8.getMessage());

            assertEquals(22, app.papers().count());
            assertEquals(seq, app.papers().changeSequence());
            assertEquals("ok", app.database().integrityCheck());
        }
    }

    @Test
    void aBadRecordIsReportedWithItsLineAndTheRestIsIngested() throws Exception {
        String text = "{\"title\":\"Good one\",\"abstract\":\"Fine.\"}\n"
                + "{\"title\":\"No abstract\"}\n"
                + "\n"
                + "{\"title\":\"Good two\",\"abstract\":\"Fine too.\",\"published\":\"2024-13-45\"}\n"
                + "{\"title\":\"Good three\",\"abstract\":\"Also fine.\"}\n";
        try (App app = TestApps.open(dir)) {
            IngestReport r = TestApps.ingestText(app, "mixed.jsonl", text);
            assertEquals(2, r.added());
            assertEquals(2, r.rejected());
            assertEquals(2, r.rejections().get(0).line());
            assertTrue(r.rejections().get(0).reason().contains("no abstract"));
            assertEquals(4, r.rejections().get(1).line());

            IngestException strict = assertThrows(IngestException.class, () -> app.ingest()
                    .ingest(
                            IngestInput.ofBytes(
                                    "strict.jsonl",
                                    ("{\"title\":\"Other\",\"abstract\":\"x\"}\n" + text)
                                            .getBytes(StandardCharsets.UTF_8)),
                            new IngestOptions(false, true, null)));
            assertTrue(strict.getMessage().contains("line 3"), strict.getMessage());
            assertFalse(app.papers().findByTitle("Other").isPresent(), "strict refusal stores nothing");
        }
    }

    @Test
    void crlfAndABomParseLikeTheOriginal() throws Exception {
        String page = new String(TestApps.sample("hf_page_000.txt"), StandardCharsets.UTF_8);
        byte[] crlf = ("\uFEFF" + page.replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8);
        try (App app = TestApps.open(dir)) {
            IngestReport r = app.ingest().ingest(IngestInput.ofBytes("crlf.txt", crlf), IngestOptions.DEFAULT);
            assertEquals(22, r.added());
            assertEquals(0, r.rejected());
            assertTrue(app.papers().findByTitle("Pointer Networks").isPresent());
            byte[] json = ("\uFEFF"
                            + new String(TestApps.sample("hf_daily_papers_2026-06.json"), StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
            assertEquals(
                    30,
                    app.ingest()
                            .ingest(IngestInput.ofBytes("bom.json", json), IngestOptions.DEFAULT)
                            .records());
        }
    }

    @Test
    void aNetworkInputOverTheSizeCapIsRefusedBeforeItIsRead() throws Exception {
        IngestInput huge = mock(IngestInput.class);
        when(huge.name()).thenReturn("huge.jsonl");
        when(huge.fromNetwork()).thenReturn(true); // ingest.max-bytes caps what arrived over the network only
        when(huge.size()).thenReturn(10L * 1024 * 1024 * 1024);
        when(huge.open()).thenThrow(new IOException("must not be opened"));
        try (App app = TestApps.open(dir)) {
            IngestException e =
                    assertThrows(IngestException.class, () -> app.ingest().ingest(huge, IngestOptions.DEFAULT));
            assertTrue(e.getMessage().contains("ingest.max-bytes"), e.getMessage());
            verify(huge, never()).open();
        }
    }

    @Test
    void dryRunReportsButStoresNothing() throws Exception {
        try (App app = TestApps.open(dir)) {
            IngestReport r = app.ingest()
                    .ingest(
                            IngestInput.ofBytes("p.txt", TestApps.sample("hf_page_000.txt")),
                            new IngestOptions(true, false, null));
            assertTrue(r.dryRun());
            assertEquals(22, r.added());
            assertEquals(22, r.addedIds().size());
            assertEquals(0, app.papers().count());
            assertEquals(0, app.papers().changeSequence());
        }
    }
}
