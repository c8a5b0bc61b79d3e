package dev.paperclub.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.App;
import dev.paperclub.TestApps;
import dev.paperclub.paper.PaperUrls;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A paper's link passes one rule at ingest; a bad link costs the link, never the paper. */
final class LinkCheckTest {
    @TempDir
    Path dir;

    @Test
    void aMalformedLinkIsDroppedAndReportedOnItsLineWhileThePaperIsKept() throws Exception {
        String jsonl =
                """
                {"id":"2611.10001","title":"Good Link","abstract":"An abstract.","authors":[],"url":"https://arxiv.org/abs/2611.10001","sources":[]}
                {"id":"2611.10002","title":"Space In Link","abstract":"An abstract.","authors":[],"url":"https://arxiv.org/abs/2611 10002","sources":[]}
                {"id":"2611.10003","title":"Script Link","abstract":"An abstract.","authors":[],"url":"javascript:alert(1)","sources":[]}
                """;
        try (App app = TestApps.open(dir)) {
            IngestReport r = TestApps.ingestText(app, "links.jsonl", jsonl);
            assertEquals(3, r.added(), r.summaryLine());
            assertEquals(0, r.rejected());
            assertEquals(2, r.dropped().size(), r.dropped().toString());
            assertEquals(2, r.dropped().get(0).line());
            assertTrue(
                    r.dropped().get(0).reason().contains("space"), r.dropped().toString());
            assertEquals(3, r.dropped().get(1).line());
            assertEquals(
                    "https://arxiv.org/abs/2611.10001",
                    app.papers().find("2611.10001").orElseThrow().url());
            assertEquals(null, app.papers().find("2611.10002").orElseThrow().url());
            assertEquals(null, app.papers().find("2611.10003").orElseThrow().url());
        }
    }

    @Test
    void theRuleIsARealParse() {
        assertTrue(PaperUrls.isValid("https://huggingface.co/papers/2401.01234"));
        assertTrue(PaperUrls.isValid("http://arxiv.org/abs/2401.01234v2"));
        assertFalse(PaperUrls.isValid("https://arxiv.org/abs/2401 01234"));
        assertFalse(PaperUrls.isValid("https://\u00a0x"));
        assertFalse(PaperUrls.isValid("ftp://arxiv.org/x"));
        assertFalse(PaperUrls.isValid("https://"));
        assertFalse(PaperUrls.isValid("https://exa mple.org"));
        assertFalse(PaperUrls.isValid("https://arxiv.org/" + "a".repeat(PaperUrls.MAX_LENGTH)));
        assertFalse(PaperUrls.isValid("https://arxiv.org/abs/%zz"));
    }
}
