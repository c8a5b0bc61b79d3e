package dev.paperclub.ingest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.paperclub.paper.PaperRecord;
import dev.paperclub.util.Json;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * An input's checked records, staged in a file before they are stored: one record per line in
 * PaperClub's JSON Lines paper format (the export fields, {@code id} being the id the record
 * carried itself), plus {@code line}, the record's line in the input, for messages. Written once
 * by the process that parsed the input, read (perhaps by another process) by whoever applies it.
 */
final class Spool {
    private Spool() {}

    /** Writes records to a spool file; {@link #close()} flushes it to disk. */
    static final class Writer implements AutoCloseable {
        private final BufferedWriter out;
        private final JsonGenerator json;

        Writer(Path file) throws IOException {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            json = Json.MAPPER.getFactory().createGenerator(out);
            json.setRootValueSeparator(null);
            json.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
        }

        void write(PaperRecord r) throws IOException {
            json.writeStartObject();
            json.writeStringField("id", r.ownId());
            json.writeStringField("arxiv_id", r.arxivId());
            json.writeStringField("title", r.title());
            json.writeStringField("abstract", r.abstractText());
            json.writeArrayFieldStart("authors");
            for (String a : r.authors()) json.writeString(a);
            json.writeEndArray();
            writeInteger("author_count", r.authorCount());
            json.writeStringField("organization", r.organization());
            json.writeStringField(
                    "published", r.published() == null ? null : r.published().toString());
            writeInteger("upvotes", r.upvotes());
            json.writeStringField("url", r.url());
            json.writeArrayFieldStart("sources");
            for (String s : r.sources()) json.writeString(s);
            json.writeEndArray();
            json.writeNumberField("line", r.line());
            json.writeEndObject();
            json.writeRaw('\n');
        }

        private void writeInteger(String field, Integer value) throws IOException {
            if (value == null) json.writeNullField(field);
            else json.writeNumberField(field, value);
        }

        /** Flushes the file and forces it to disk: a queued input must survive a crash. */
        void sync(Path file) throws IOException {
            json.flush();
            out.flush();
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        }

        @Override
        public void close() throws IOException {
            json.close();
            out.close();
        }
    }

    /** Reads a spool file's records in order. */
    static final class Reader implements AutoCloseable {
        private final BufferedReader in;

        Reader(Path file) throws IOException {
            in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        }

        /** Skips the first {@code n} records (those already applied). */
        void skip(long n) throws IOException {
            for (long i = 0; i < n; i++) {
                if (in.readLine() == null) throw new IOException("the spool file ends before record " + (n + 1));
            }
        }

        /** The next record, or null at the end. */
        PaperRecord next() {
            try {
                String line = in.readLine();
                if (line == null) return null;
                JsonNode o = Json.MAPPER.readTree(line);
                String published = text(o, "published");
                return new PaperRecord(
                        text(o, "id"),
                        text(o, "arxiv_id"),
                        text(o, "title"),
                        text(o, "abstract"),
                        strings(o, "authors"),
                        integer(o, "author_count"),
                        text(o, "organization"),
                        published == null ? null : LocalDate.parse(published),
                        integer(o, "upvotes"),
                        text(o, "url"),
                        strings(o, "sources"),
                        o.path("line").asInt());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the staged input: " + e.getMessage(), e);
            }
        }

        private static String text(JsonNode o, String f) {
            JsonNode v = o.get(f);
            return v == null || v.isNull() ? null : v.asText();
        }

        private static Integer integer(JsonNode o, String f) {
            JsonNode v = o.get(f);
            return v == null || v.isNull() ? null : v.intValue();
        }

        private static List<String> strings(JsonNode o, String f) {
            List<String> out = new ArrayList<>();
            o.path(f).forEach(e -> out.add(e.asText()));
            return out;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
