package dev.paperclub.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.App;
import dev.paperclub.TestApps;
import dev.paperclub.paper.Paper;
import dev.paperclub.paper.PaperIds;
import dev.paperclub.paper.PaperJson;
import dev.paperclub.util.Json;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class MergeRulesTest {
    @TempDir
    Path dir;

    private static String line(String json) {
        return json.replace('\'', '"') + "\n";
    }

    @Test
    void titleOnlyPaperIsAdoptedByAnIdCarryingRecordAndKeepsItsId() throws Exception {
        try (App app = TestApps.open(dir)) {
            TestApps.ingestText(
                    app,
                    "a.jsonl",
                    line("{'title':'Attention Is All You Need','abstract':'Short.',"
                            + "'author_count':8,'published':'2017-06-20','upvotes':3,'sources':['hf-page']}"));
            String titleId = PaperIds.fromTitle("Attention Is All You Need");
            assertTrue(app.papers().find(titleId).isPresent());

            IngestReport r = TestApps.ingestText(
                    app,
                    "b.jsonl",
                    line(
                            "{'arxiv_id':'1706.03762','title':'Attention is all you need!',"
                                    + "'abstract':'The dominant sequence transduction models are based on complex recurrent networks.',"
                                    + "'authors':['Ashish Vaswani','Noam Shazeer'],'published':'2017-06-12','upvotes':1,'sources':['arxiv']}"));
            assertEquals(1, r.updated());
            assertEquals(1, app.papers().count());
            Paper p = app.papers().find(titleId).orElseThrow();
            assertEquals("1706.03762", p.arxivId(), "gains the arXiv id");
            assertEquals(titleId, p.id(), "the id never changes once given");
            assertTrue(p.abstractText().startsWith("The dominant"), "longest abstract wins");
            assertEquals(List.of("Ashish Vaswani", "Noam Shazeer"), p.authors());
            assertEquals(8, p.authorCount(), "a known count is kept");
            assertEquals(3, p.upvotes(), "highest upvotes");
            assertEquals(LocalDate.of(2017, 6, 12), p.published(), "earliest date");
            assertEquals(List.of("hf-page", "arxiv"), p.sources(), "union of sources");
            assertEquals(p, app.papers().findByArxivId("1706.03762").orElseThrow());
        }
    }

    @Test
    void aPoorerSourceNeverErasesKnownFields() throws Exception {
        try (App app = TestApps.open(dir)) {
            TestApps.ingestText(
                    app,
                    "rich.jsonl",
                    line(
                            "{'id':'2401.00001','arxiv_id':'2401.00001','title':'T','abstract':'A long abstract here.',"
                                    + "'authors':['X','Y'],'organization':'Org','published':'2024-01-01','upvotes':9,'url':'https://arxiv.org/abs/2401.00001'}"));
            IngestReport r =
                    TestApps.ingestText(app, "poor.jsonl", line("{'id':'2401.00001','title':'T','abstract':'Short.'}"));
            assertEquals(1, r.unchanged());
            Paper p = app.papers().find("2401.00001").orElseThrow();
            assertEquals("A long abstract here.", p.abstractText());
            assertEquals(List.of("X", "Y"), p.authors());
            assertEquals("Org", p.organization());
            assertEquals(9, p.upvotes());
            assertEquals("https://arxiv.org/abs/2401.00001", p.url());
        }
    }

    @Test
    void anExportedTitleOnlyPaperIsStillAdoptedAfterItIsIngestedElsewhere() throws Exception {
        String titleId = PaperIds.fromTitle("Zoology: Measuring Recall");
        String exported;
        try (App first = TestApps.open(dir.resolve("first"))) {
            TestApps.ingestText(first, "page.jsonl", line("{'title':'Zoology: Measuring Recall','abstract':'Short.'}"));
            exported = Json.write(PaperJson.export(first.papers().find(titleId).orElseThrow())) + "\n";
        }
        try (App second = TestApps.open(dir.resolve("second"))) {
            TestApps.ingestText(second, "export.jsonl", exported);
            assertEquals(
                    1,
                    TestApps.ingestText(second, "export.jsonl", exported).unchanged(),
                    "re-ingesting an export changes nothing");
            IngestReport r = TestApps.ingestText(
                    second,
                    "arxiv.jsonl",
                    line("{'arxiv_id':'2312.04927','title':'Zoology: measuring recall',"
                            + "'abstract':'A longer abstract from arXiv.'}"));
            assertEquals(1, r.updated(), "adopted, not added");
            assertEquals(1, second.papers().count());
            Paper p = second.papers().find(titleId).orElseThrow();
            assertEquals("2312.04927", p.arxivId());
        }
    }

    @Test
    void anArxivIdGivenAsTheIdLosesItsVersion() throws Exception {
        try (App app = TestApps.open(dir)) {
            TestApps.ingestText(
                    app,
                    "x.jsonl",
                    line("{'id':'2401.01234v3','title':'Versioned','abstract':'One.'}")
                            + line("{'id':'2401.01234','title':'Versioned','abstract':'One.'}")
                            + line("{'id':'hep-th/9901001v2','title':'Old style','abstract':'Two.'}"));
            assertEquals(2, app.papers().count(), "v3 and the unversioned id are one paper");
            assertEquals(
                    "2401.01234", app.papers().find("2401.01234").orElseThrow().arxivId());
            assertEquals(
                    "hep-th/9901001",
                    app.papers().find("hep-th/9901001").orElseThrow().arxivId());
        }
    }

    @Test
    void twoIdCarryingRecordsWithTheSameTitleStayTwoPapers() throws Exception {
        try (App app = TestApps.open(dir)) {
            TestApps.ingestText(
                    app,
                    "x.jsonl",
                    line("{'id':'2401.00001','title':'Same Title','abstract':'One.'}")
                            + line("{'id':'2402.00002','title':'Same title.','abstract':'Two.'}"));
            assertEquals(2, app.papers().count());
        }
    }

    @Test
    void aRecordWithoutIdMergesIntoAPaperWithTheSameNormalizedTitle() throws Exception {
        try (App app = TestApps.open(dir)) {
            TestApps.ingestText(
                    app,
                    "x.jsonl",
                    line("{'id':'2401.00001','title':'Ｍamba: Linear-Time Sequence Modeling','abstract':'One.'}"));
            IngestReport r = TestApps.ingestText(
                    app,
                    "y.jsonl",
                    line("{'title':'mamba — linear time sequence modeling','abstract':'One more.','upvotes':4}"));
            assertEquals(1, r.updated());
            assertEquals(1, app.papers().count());
            assertEquals(4, app.papers().find("2401.00001").orElseThrow().upvotes());
        }
    }

    @Test
    void titleIdsAreStableAndVersionsAreDropped() {
        assertEquals(PaperIds.fromTitle("Pointer Networks"), PaperIds.fromTitle("  pointer   networks. "));
        assertEquals("t-", PaperIds.fromTitle("x").substring(0, 2));
        assertEquals(
                "2401.01234",
                PaperIds.arxiv("http://arxiv.org/abs/2401.01234v3").orElseThrow());
        assertEquals("hep-th/9901001", PaperIds.arxiv("hep-th/9901001v2").orElseThrow());
    }
}
