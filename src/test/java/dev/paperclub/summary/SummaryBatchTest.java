package dev.paperclub.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SummaryBatchTest {

    @TempDir
    Path dir;

    @Test
    void bothFormatsInOrderAndBadLinesReported() throws Exception {
        Path in = dir.resolve("in.jsonl");
        Files.writeString(
                in,
                String.join(
                                "\n",
                                "{\"id\":\"a\",\"title\":\"Sparse attention\",\"abstract\":\"Attention is slow. We propose sparse attention. It is fast.\"}",
                                "this is not json",
                                "{\"id\":\"b\",\"sentences\":[\"Graphs are everywhere.\",\"We introduce a graph model.\",\"It wins.\"]}",
                                "{\"title\":\"no id\",\"abstract\":\"Something.\"}",
                                "",
                                "{\"id\":\"c\",\"title\":\"neither\"}",
                                "{\"id\":\"d\",\"title\":\"empty\",\"abstract\":\"  \"}",
                                "{\"id\":7,\"abstract\":\"Numbers as ids are fine.\"}")
                        + "\n",
                StandardCharsets.UTF_8);
        Path out = dir.resolve("out.jsonl");

        SummaryBatch.Result r = SummaryBatch.run(in, out, new Summarizer());

        assertEquals(3, r.written());
        assertEquals(
                List.of(
                        "line 2: not valid JSON",
                        "line 4: missing \"id\"",
                        "line 6: neither \"abstract\" nor \"sentences\"",
                        "line 7: This paper has no abstract to summarize."),
                r.errors());
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            rows.add(json.readTree(line));
        }
        assertEquals(
                List.of("a", "b", "7"),
                rows.stream().map(n -> n.get("id").asText()).toList());
        for (JsonNode n : rows) {
            assertFalse(n.get("tldr").asText().isEmpty());
            assertTrue(n.get("points").isArray());
            assertTrue(n.get("keywords").isArray());
        }
        assertTrue(
                rows.get(1).get("tldr").asText().contains("graph model"),
                rows.get(1).toString());
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temp file may be left behind");
        }
    }
}
