package dev.paperclub.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.App;
import dev.paperclub.TestApps;
import dev.paperclub.paper.Paper;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SampleIngestTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("the three HF page copies give 22, 119 and 36 papers, 165 distinct together")
    void seedCounts() throws Exception {
        try (App app = TestApps.open(dir)) {
            IngestReport a = TestApps.ingestSample(app, "hf_page_000.txt");
            assertEquals(InputFormat.HF_PAGE, a.format());
            assertEquals(22, a.records());
            assertEquals(22, a.added());
            assertEquals(0, a.rejected());
            IngestReport b = TestApps.ingestSample(app, "hf_listing_001.txt");
            assertEquals(InputFormat.HF_LISTING, b.format());
            assertEquals(119, b.records());
            IngestReport c = TestApps.ingestSample(app, "hf_page_002.txt");
            assertEquals(36, c.records());
            assertEquals(165, app.papers().count());
        }
    }

    @Test
    void eachSeedAloneHasItsCount() throws Exception {
        for (var e : java.util.Map.of("hf_page_000.txt", 22, "hf_listing_001.txt", 119, "hf_page_002.txt", 36)
                .entrySet()) {
            try (App app = TestApps.open(dir.resolve(e.getKey()))) {
                TestApps.ingestSample(app, e.getKey());
                assertEquals(e.getValue(), app.papers().count(), e.getKey());
            }
        }
    }

    @Test
    @DisplayName("layout A: meta blocks, organizations, upvotes, dates with and without a year, a paper without meta")
    void layoutAFields() throws Exception {
        try (App app = TestApps.open(dir)) {
            TestApps.ingestSample(app, "hf_page_000.txt");
            Paper first = app.papers()
                    .findByTitle("A CTC Alignment-based Non-autoregressive Transformer for End-to-end "
                            + "Automatic Speech Recognition")
                    .orElseThrow();
            assertEquals(4, first.authorCount());
            assertEquals(LocalDate.of(2023, 4, 15), first.published());
            assertNull(first.upvotes());
            assertTrue(first.abstractText().startsWith("Recently, end-to-end models"));

            Paper rxt = app.papers()
                    .findByTitle("Reactive Transformer (RxT) -- Stateful Real-Time Processing for "
                            + "Event-Driven Reactive Language Models")
                    .orElseThrow();
            assertEquals("Reactive AI", rxt.organization());
            assertEquals(LocalDate.of(2025, 10, 3), rxt.published());
            assertEquals(2, rxt.upvotes());

            // "Mar 19 2": no year; the page date "May 5" resolves against the ingest date (2026-11-25)
            Paper noYear = app.papers()
                    .findByTitle("Progressive Training for Explainable Citation-Grounded Dialogue: "
                            + "Reducing Hallucination to Zero in English-Hindi LLMs")
                    .orElseThrow();
            assertEquals(LocalDate.of(2026, 3, 19), noYear.published());
            assertEquals(2, noYear.upvotes());
            assertEquals(1, noYear.authorCount());

            Paper noMeta = app.papers()
                    .findByTitle("HATFormer: Historic Handwritten Arabic Text Recognition with Transformers")
                    .orElseThrow();
            assertNull(noMeta.published());
            assertNull(noMeta.authorCount());
            assertTrue(noMeta.abstractText().startsWith("Arabic handwritten text recognition"));
            assertTrue(noMeta.id().startsWith("t-"));
        }
    }

    @Test
    void layoutBStripsTheSubscribeGlue() throws Exception {
        try (App app = TestApps.open(dir)) {
            TestApps.ingestSample(app, "hf_listing_001.txt");
            Paper p = app.papers()
                    .findByTitle("Incorporating Class-based Language Model for Named Entity Recognition in "
                            + "Factorized Neural Transducer")
                    .orElseThrow();
            assertTrue(p.abstractText().startsWith("Despite advancements of end-to-end"));
            assertEquals(List.of("hf-listing"), p.sources());
        }
    }

    @Test
    @DisplayName("every HF API item keeps its title, authors, date, arXiv id, upvotes and URL")
    void hfApiJson() throws Exception {
        try (App app = TestApps.open(dir)) {
            IngestReport r = TestApps.ingestSample(app, "hf_daily_papers_2026-06.json");
            assertEquals(InputFormat.HF_API_JSON, r.format());
            assertEquals(30, r.added());
            var items = dev.paperclub.util.Json.MAPPER.readTree(TestApps.sample("hf_daily_papers_2026-06.json"));
            for (var item : items) {
                var src = item.get("paper");
                Paper p = app.papers().find(src.get("id").asText()).orElseThrow();
                assertEquals(src.get("id").asText(), p.arxivId());
                assertEquals(
                        dev.paperclub.paper.TextNormalizer.clean(
                                src.get("title").asText()),
                        p.title());
                assertFalse(p.title().contains("\n"));
                assertEquals(src.get("authors").size(), p.authors().size());
                assertEquals(
                        src.get("authors").get(0).get("name").asText().strip(),
                        p.authors().get(0));
                assertEquals(LocalDate.parse(src.get("publishedAt").asText().substring(0, 10)), p.published());
                assertEquals(src.get("upvotes").asInt(), p.upvotes());
                assertEquals("https://huggingface.co/papers/" + p.arxivId(), p.url());
            }
        }
    }

    @Test
    @DisplayName("arXiv Atom, current and classic: versionless ids, unwrapped text, LaTeX kept, authors, dates")
    void arxivAtom() throws Exception {
        try (App app = TestApps.open(dir)) {
            IngestReport r = TestApps.ingestSample(app, "arxiv_atom_2026.xml");
            assertEquals(InputFormat.ARXIV_ATOM, r.format());
            assertEquals(5, r.added());
            IngestReport classic = TestApps.ingestSample(app, "arxiv_atom_classic_2020.xml");
            assertEquals(1, classic.added());
            Paper p = app.papers().find("1601.00001").orElseThrow();
            assertEquals("1601.00001", p.arxivId());
            assertEquals(
                    "Inelastic effects in molecular transport junctions: The probe technique at high bias", p.title());
            assertTrue(p.abstractText().startsWith("We extend the Landauer-B\\\"uttiker probe"), p.abstractText());
            assertTrue(p.abstractText().contains("$I$-$V$"));
            assertFalse(p.abstractText().contains("  "));
            assertEquals(List.of("Michael Kilgour", "Dvira Segal"), p.authors());
            assertEquals(LocalDate.of(2015, 12, 26), p.published());
            assertEquals("https://arxiv.org/abs/1601.00001", p.url());
            for (String id : r.addedIds()) {
                Paper e = app.papers().find(id).orElseThrow();
                assertTrue(id.matches("\\d{4}\\.\\d{4,5}"), id);
                assertFalse(e.authors().isEmpty());
                assertNotNull(e.published());
                assertEquals("https://arxiv.org/abs/" + id, e.url());
            }
        }
    }

    @Test
    void reingestingIsUnchanged() throws Exception {
        try (App app = TestApps.open(dir)) {
            TestApps.ingestAllSamples(app);
            long seq = app.papers().changeSequence();
            for (String s : TestApps.SAMPLES) {
                IngestReport again = TestApps.ingestSample(app, s);
                assertEquals(0, again.added(), s);
                assertEquals(0, again.updated(), s);
            }
            assertEquals(seq, app.papers().changeSequence());
        }
    }
}
