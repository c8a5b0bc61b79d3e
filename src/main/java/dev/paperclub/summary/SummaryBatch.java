package dev.paperclub.summary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paperclub.util.AtomicFiles;
import dev.paperclub.util.Json;
import dev.paperclub.util.Utf8Lines;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Batch summarization for the CLI: JSON Lines in ({@code {"id","title","abstract"}} or
 * {@code {"id","title","sentences":[...]}}), JSON Lines out ({@code {"id","tldr","points","keywords"}})
 * in input order. Bad lines are skipped and reported as "line N: reason" rather than aborting
 * the run; the output file appears atomically, complete or not at all.
 */
public final class SummaryBatch {

    /** How many summaries were written, and one "line N: reason" per skipped line. */
    public record Result(int written, List<String> errors) {
        public Result {
            errors = List.copyOf(errors);
        }
    }

    private SummaryBatch() {}

    public static Result run(Path input, Path output, Summarizer s) throws IOException {
        ObjectMapper json = Json.MAPPER;
        List<String> errors = new ArrayList<>();
        int[] written = {0};
        AtomicFiles.write(output, out -> {
            Utf8Lines.forEach(input, (lineNo, line) -> {
                if (line.isBlank()) {
                    return;
                }
                String problem = null;
                try {
                    ObjectNode result = summarizeLine(json, line, s);
                    out.write(json.writeValueAsString(result));
                    out.write('\n');
                    written[0]++;
                } catch (JsonProcessingException e) {
                    problem = "not valid JSON";
                } catch (BadLine e) {
                    problem = e.getMessage();
                } catch (SummaryException e) {
                    problem = e.getMessage();
                }
                if (problem != null) {
                    errors.add("line " + lineNo + ": " + problem);
                }
            });
        });
        return new Result(written[0], errors);
    }

    /** A line that parsed as JSON but is not a usable paper. */
    private static final class BadLine extends Exception {
        private static final long serialVersionUID = 1L;

        BadLine(String reason) {
            super(reason, null, false, false);
        }
    }

    private static ObjectNode summarizeLine(ObjectMapper json, String line, Summarizer s)
            throws JsonProcessingException, BadLine {
        JsonNode n = json.readTree(line);
        if (n == null || !n.isObject()) {
            throw new BadLine("not a JSON object");
        }
        JsonNode idNode = n.get("id");
        if (idNode == null
                || idNode.isNull()
                || !idNode.isValueNode()
                || idNode.asText().isBlank()) {
            throw new BadLine("missing \"id\"");
        }
        String title = n.hasNonNull("title") ? n.get("title").asText() : "";
        Summary summary;
        JsonNode sentences = n.get("sentences");
        JsonNode abs = n.get("abstract");
        if (sentences != null && sentences.isArray()) {
            List<String> list = new ArrayList<>();
            sentences.forEach(x -> list.add(x.isValueNode() ? x.asText() : ""));
            summary = s.summarizeSentences(title, list);
        } else if (abs != null && abs.isValueNode() && !abs.isNull()) {
            summary = s.summarize(title, abs.asText());
        } else {
            throw new BadLine("neither \"abstract\" nor \"sentences\"");
        }
        ObjectNode o = json.createObjectNode();
        o.put("id", idNode.asText());
        o.put("tldr", summary.tldr());
        ArrayNode points = o.putArray("points");
        summary.points().forEach(points::add);
        ArrayNode kws = o.putArray("keywords");
        summary.keywords().forEach(kws::add);
        return o;
    }
}
