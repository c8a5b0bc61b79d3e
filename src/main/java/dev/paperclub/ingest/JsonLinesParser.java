package dev.paperclub.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.paperclub.paper.PaperIds;
import dev.paperclub.paper.PaperRecord;
import dev.paperclub.util.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * PaperClub's export format, one paper per line, so {@code export} output ingests back
 * unchanged. A line that is not JSON means the file is damaged: the file is refused whole.
 * A JSON line that lacks a title or abstract is a bad record: it is reported and skipped.
 */
final class JsonLinesParser implements FormatParser {
    // ids end up in button ids and URLs: keep them to a plain alphabet
    private static final java.util.regex.Pattern SAFE_ID =
            java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,63}");

    @Override
    public void parse(BufferedReader in, ParseContext ctx, RecordSink sink) throws IngestException, IOException {
        String line;
        int n = 0;
        while ((line = in.readLine()) != null) {
            n++;
            if (line.isBlank()) continue;
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                throw new IngestException(
                        ctx.sourceName() + ": line " + n + " is not a JSON object (expected one paper "
                                + "per line in the export format; truncated file?): " + e.getOriginalMessage(),
                        e);
            }
            if (node == null || !node.isObject()) {
                throw new IngestException(
                        ctx.sourceName() + ": line " + n + " is not a JSON object (expected one paper per line)");
            }
            record(node, n, sink);
        }
    }

    private static void record(JsonNode o, int line, RecordSink sink) throws IngestException {
        String title = text(o, "title");
        String abs = text(o, "abstract");
        if (title == null || title.isBlank()) {
            sink.reject(line, "no title");
            return;
        }
        if (abs == null || abs.isBlank()) {
            sink.reject(line, "'" + HfPageParser.shorten(title.strip()) + "' has no abstract");
            return;
        }
        LocalDate published = null;
        String pub = text(o, "published");
        if (pub != null && !pub.isBlank()) {
            try {
                published = LocalDate.parse(pub.strip());
            } catch (DateTimeException e) {
                sink.reject(line, "published '" + pub + "' is not a date YYYY-MM-DD");
                return;
            }
        }
        String id = text(o, "id");
        if (id != null && !id.isBlank() && !SAFE_ID.matcher(id.strip()).matches()) {
            sink.reject(
                    line,
                    "id '" + HfPageParser.shorten(id) + "' must be 1-64 letters, digits or . _ / - (like an arXiv id)");
            return;
        }
        String arxiv = PaperIds.arxiv(text(o, "arxiv_id")).orElse(null);
        // An id that is an arXiv id names that paper without its version (2401.01234v3 is 2401.01234).
        Optional<String> idAsArxiv = PaperIds.wholeArxiv(id);
        if (idAsArxiv.isPresent()) {
            id = idAsArxiv.get();
            if (arxiv == null) arxiv = id;
        }
        List<String> sources = strings(o, "sources");
        if (sources.isEmpty()) sources = List.of(InputFormat.JSON_LINES.sourceTag());
        sink.accept(new PaperRecord(
                id,
                arxiv,
                title,
                abs,
                strings(o, "authors"),
                integer(o, "author_count"),
                text(o, "organization"),
                published,
                integer(o, "upvotes"),
                text(o, "url"),
                sources,
                line));
    }

    private static String text(JsonNode o, String f) {
        JsonNode v = o.get(f);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }

    private static Integer integer(JsonNode o, String f) {
        JsonNode v = o.get(f);
        return v != null && v.canConvertToInt() && v.isNumber() ? v.intValue() : null;
    }

    private static List<String> strings(JsonNode o, String f) {
        JsonNode v = o.get(f);
        List<String> out = new ArrayList<>();
        if (v != null && v.isArray())
            v.forEach(e -> {
                if (e.isValueNode() && !e.isNull()) out.add(e.asText());
            });
        return out;
    }
}
