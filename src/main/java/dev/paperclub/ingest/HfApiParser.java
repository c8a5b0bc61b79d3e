package dev.paperclub.ingest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.paperclub.paper.PaperIds;
import dev.paperclub.paper.PaperRecord;
import dev.paperclub.util.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The HF daily papers API ({@code /api/daily_papers}): a JSON array of items whose
 * {@code paper} holds the arXiv id, title, abstract ({@code summary}), authors, date and
 * upvotes. Items that are bare paper objects are accepted too. Streams item by item.
 */
final class HfApiParser implements FormatParser {

    @Override
    public void parse(BufferedReader in, ParseContext ctx, RecordSink sink) throws IngestException, IOException {
        try (JsonParser p = Json.MAPPER.createParser(in)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IngestException(ctx.sourceName() + ": expected a JSON array of daily papers at line "
                        + p.currentLocation().getLineNr());
            }
            int item = 0;
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new IngestException(
                            ctx.sourceName() + ": the JSON array ends early (truncated file?) at line "
                                    + p.currentLocation().getLineNr());
                }
                item++;
                int line = p.currentLocation().getLineNr();
                JsonNode node = p.readValueAsTree();
                if (node == null || !node.isObject()) {
                    sink.reject(line, "item " + item + " is not a JSON object");
                    continue;
                }
                record(node, line, item, sink);
            }
            if (p.nextToken() != null) {
                throw new IngestException(ctx.sourceName() + ": unexpected content after the JSON array at line "
                        + p.currentLocation().getLineNr());
            }
        } catch (com.fasterxml.jackson.core.io.JsonEOFException e) {
            throw new IngestException(
                    ctx.sourceName() + ": the JSON ends early at line "
                            + e.getLocation().getLineNr()
                            + " (truncated file?); expected the rest of the array of papers and its closing ']'",
                    e);
        } catch (JsonParseException e) {
            throw new IngestException(
                    ctx.sourceName() + ": not valid JSON at line "
                            + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(),
                    e);
        }
    }

    private static void record(JsonNode item, int line, int index, RecordSink sink) throws IngestException {
        JsonNode paper = item.has("paper") && item.get("paper").isObject() ? item.get("paper") : item;
        String title = text(paper, "title");
        if (title == null) title = text(item, "title");
        String summary = text(paper, "summary");
        if (summary == null) summary = text(item, "summary");
        if (title == null || title.isBlank()) {
            sink.reject(line, "item " + index + " has no title");
            return;
        }
        if (summary == null || summary.isBlank()) {
            sink.reject(line, "item " + index + " ('" + HfPageParser.shorten(title.strip()) + "') has no abstract");
            return;
        }
        String id = text(paper, "id");
        String arxiv = PaperIds.arxiv(id).orElse(null);
        List<String> authors = new ArrayList<>();
        JsonNode as = paper.get("authors");
        if (as != null && as.isArray()) {
            for (JsonNode a : as) {
                String name = a.isTextual() ? a.asText() : text(a, "name");
                if (name != null && !name.isBlank()) authors.add(name);
            }
        }
        String org = null;
        JsonNode o = paper.has("organization") ? paper.get("organization") : item.get("organization");
        if (o != null && o.isObject()) {
            org = text(o, "fullname");
            if (org == null) org = text(o, "name");
        }
        Integer upvotes = paper.has("upvotes") && paper.get("upvotes").canConvertToInt()
                ? paper.get("upvotes").asInt()
                : null;
        var published = Dates.isoDate(text(paper, "publishedAt"))
                .orElse(Dates.isoDate(text(item, "publishedAt")).orElse(null));
        String url = arxiv != null ? "https://huggingface.co/papers/" + arxiv : null;
        sink.accept(new PaperRecord(
                arxiv == null ? id : null,
                arxiv,
                title,
                summary,
                authors,
                null,
                org,
                published,
                upvotes,
                url,
                List.of(InputFormat.HF_API_JSON.sourceTag()),
                line));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }
}
