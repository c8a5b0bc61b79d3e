package dev.paperclub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.Main;
import dev.paperclub.TestApps;
import dev.paperclub.util.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI verbs through picocli, as `java -jar` runs them (exit codes, stdout, stderr). */
final class CliTest {
    @TempDir Path dir;

    record Run(int code, String out, String err) {}

    private Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path sampleFile(String name) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, TestApps.sample(name));
        return p;
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    @Test
    void ingestShowStatsAndExportRoundTrip() throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("ingest", "--data-dir", data()));
        for (String s : TestApps.SAMPLES) args.add(sampleFile(s).toString());
        Run ingest = run(args.toArray(String[]::new));
        assertEquals(0, ingest.code(), ingest.err());
        assertTrue(ingest.out().contains("22 added"), ingest.out());

        Run stats = run("stats", "--data-dir", data(), "--json");
        assertEquals(0, stats.code());
        var s = Json.MAPPER.readTree(stats.out());
        assertEquals(201, s.get("papers").asInt());
        assertTrue(s.get("db_bytes").asLong() > 0);
        assertEquals(0, s.get("votes").asInt());
        assertEquals(201, s.get("indexed").asInt(), "the index follows the store");
        assertTrue(s.get("index_bytes").asLong() > 0);

        Run show = run("show", "--data-dir", data(), "1601.00001", "--json");
        assertEquals(0, show.code());
        var p = Json.MAPPER.readTree(show.out());
        List<String> fields = new java.util.ArrayList<>();
        p.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("id", "arxiv_id", "title", "abstract", "authors", "author_count", "organization",
                "published", "upvotes", "url", "sources"), fields);
        assertEquals("2015-12-26", p.get("published").asText());
        assertTrue(p.get("upvotes").isNull());

        Path export = dir.resolve("corpus.jsonl");
        assertEquals(0, run("export", "--data-dir", data(), "--output", export.toString()).code());
        assertEquals(201, Files.readAllLines(export).size());

        String other = dir.resolve("data2").toString();
        Run back = run("ingest", "--data-dir", other, export.toString());
        assertEquals(0, back.code(), back.err());
        assertTrue(back.out().contains("201 added"), back.out());
        Path export2 = dir.resolve("corpus2.jsonl");
        run("export", "--data-dir", other, "--output", export2.toString());
        assertEquals(Files.readString(export), Files.readString(export2), "export -> ingest -> export is lossless");

        Run bib = run("export", "--data-dir", data(), "--format", "bibtex");
        assertTrue(bib.out().contains("@misc{1601.00001,") && bib.out().contains("archivePrefix = {arXiv}"), bib.out().substring(0, 300));
    }

    @Test
    void searchSummarizeAndSimilarVerbs() throws Exception {
        assertEquals(0, run("ingest", "--data-dir", data(), sampleFile("hf_page_000.txt").toString()).code());
        String pointer = dev.paperclub.paper.PaperIds.fromTitle("Pointer Networks");

        Run search = run("search", "--data-dir", data(), "Pointer Networks", "--limit", "3", "--json");
        assertEquals(0, search.code(), search.err());
        var first = Json.MAPPER.readTree(search.out().lines().findFirst().orElseThrow());
        assertEquals(pointer, first.get("id").asText());

        Path queries = dir.resolve("q.jsonl");
        Files.writeString(queries, "{\"_id\":\"q1\",\"text\":\"pointer networks\"}\n{\"_id\":\"q2\",\"text\":\"speech recognition\"}\n");
        Path runFile = dir.resolve("run.trec");
        assertEquals(0, run("search", "--data-dir", data(), "--queries", queries.toString(), "--run", runFile.toString(), "--limit", "5").code());
        List<String> lines = Files.readAllLines(runFile);
        assertEquals(10, lines.size());
        assertTrue(lines.get(0).matches("q1 Q0 " + java.util.regex.Pattern.quote(pointer) + " 1 [0-9.E-]+ paperclub"), lines.get(0));
        assertTrue(lines.get(5).startsWith("q2 Q0 ") && lines.get(5).split(" ")[3].equals("1"), lines.get(5));

        Run sum = run("summarize", "--data-dir", data(), pointer, "--json");
        assertEquals(0, sum.code(), sum.err());
        var summary = Json.MAPPER.readTree(sum.out());
        assertEquals(pointer, summary.get("id").asText());
        assertFalse(summary.get("tldr").asText().isBlank());
        assertTrue(summary.get("keywords").size() >= 1);

        Run similar = run("similar", "--data-dir", data(), pointer, "--limit", "3", "--json");
        assertEquals(0, similar.code(), similar.err());
        List<String> ids = similar.out().lines().map(l -> {
            try {
                return Json.MAPPER.readTree(l).get("id").asText();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
        assertEquals(3, ids.size());
        assertFalse(ids.contains(pointer), "a paper is not similar to itself");

        assertEquals(2, run("search", "--data-dir", data()).code(), "a query or --queries is required");
        assertEquals(1, run("summarize", "--data-dir", data(), "9999.99999").code());
    }

    @Test
    void paperArgumentsAreFoundAsTheSlashCommandsFindThem() throws Exception {
        // A paper first seen without an arXiv id keeps its title id after it gains one.
        Path first = dir.resolve("first.jsonl");
        Files.writeString(first, "{\"title\":\"Linear Attention Revisited\",\"abstract\":\"We revisit linear attention.\"}\n");
        Path later = dir.resolve("later.jsonl");
        Files.writeString(later, "{\"id\":\"2401.01234\",\"arxiv_id\":\"2401.01234\",\"title\":\"Linear Attention Revisited\","
                + "\"abstract\":\"We revisit linear attention.\"}\n");
        assertEquals(0, run("ingest", "--data-dir", data(), first.toString()).code());
        assertEquals(0, run("ingest", "--data-dir", data(), later.toString()).code());
        for (String typed : List.of("2401.01234", "https://arxiv.org/abs/2401.01234v2", "linear attention revisited")) {
            Run show = run("show", "--data-dir", data(), typed, "--json");
            assertEquals(0, show.code(), typed + ": " + show.err());
            assertTrue(show.out().contains("\"arxiv_id\":\"2401.01234\"") && show.out().contains("\"id\":\"t-"), show.out());
            assertEquals(0, run("summarize", "--data-dir", data(), typed).code(), typed);
            assertEquals(0, run("similar", "--data-dir", data(), typed).code(), typed);
        }
    }

    @Test
    @org.junit.jupiter.api.DisplayName("a damaged search index is set aside and rebuilt by any verb: stats --json works after it")
    void damagedIndexIsRebuiltByAnyVerb() throws Exception {
        assertEquals(0, run("ingest", "--data-dir", data(), sampleFile("hf_page_000.txt").toString()).code());
        List<Path> segments;
        try (var files = Files.list(dir.resolve("data").resolve("index"))) {
            segments = files.filter(p -> p.getFileName().toString().endsWith(".cfs")).toList();
        }
        assertFalse(segments.isEmpty());
        for (Path p : segments) Files.delete(p);

        Run stats = run("stats", "--data-dir", data(), "--json");
        assertEquals(0, stats.code(), stats.err());
        var s = Json.MAPPER.readTree(stats.out());
        assertEquals(22, s.get("papers").asInt());
        assertEquals(22, s.get("indexed").asInt(), "rebuilt from the store");
        Run search = run("search", "--data-dir", data(), "Pointer Networks", "--limit", "1", "--json");
        assertEquals(0, search.code(), search.err());
        assertTrue(search.out().contains(dev.paperclub.paper.PaperIds.fromTitle("Pointer Networks")), search.out());
    }

    @Test
    @org.junit.jupiter.api.DisplayName("a data dir in use by another process says so and what to do; other data.dir problems get their own message")
    void dataDirProblemsAreNamed() throws Exception {
        assertEquals(0, run("ingest", "--data-dir", data(), sampleFile("hf_page_000.txt").toString()).code());
        String inUse = "another PaperClub process (a console or the bot) is using " + data()
                + "; stop it, or point this command at another data.dir";
        try (dev.paperclub.App running = TestApps.open(dir.resolve("data"))) { // as a console or the bot holds it
            for (String verb : List.of("stats", "export")) {
                Run r = run(verb, "--data-dir", data());
                assertEquals(1, r.code(), verb);
                assertEquals("error: " + inUse, r.err().strip(), verb);
            }
        }

        Path file = dir.resolve("afile");
        Files.writeString(file, "not a folder");
        Run f = run("stats", "--data-dir", file.toString());
        assertEquals(1, f.code());
        assertTrue(f.err().contains("data.dir " + file + " is a file, not a directory"), f.err());

        Path garbage = dir.resolve("garbage");
        Files.createDirectories(garbage);
        Files.writeString(garbage.resolve("paperclub.db"), "garbage\n");
        Run g = run("stats", "--data-dir", garbage.toString());
        assertEquals(1, g.code());
        assertTrue(g.err().contains(garbage.resolve("paperclub.db") + " is not a PaperClub database (not SQLite)"), g.err());

        for (Run r : List.of(f, g)) {
            assertFalse(r.err().contains("another PaperClub process") || r.err().contains("SQLITE") || r.err().contains("Exception"),
                    r.err());
        }
    }

    @Test
    @org.junit.jupiter.api.DisplayName("a data dir with no PaperClub data: reading verbs refuse and create nothing, "
            + "ingest --dry-run creates nothing, ingest creates it")
    void missingDataDir() throws Exception {
        Path typo = dir.resolve("dat");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path sample = sampleFile("hf_page_000.txt");
        for (Path where : List.of(typo, empty)) {
            String d = where.toString();
            String expected = "error: no PaperClub data in " + d + " (nothing ingested yet?); check --data-dir or data.dir";
            List<List<String>> verbs = List.of(List.of("stats", "--data-dir", d), List.of("stats", "--json", "--data-dir", d),
                    List.of("export", "--data-dir", d), List.of("export", "--data-dir", d, "--output", dir.resolve("x.jsonl").toString()),
                    List.of("search", "--data-dir", d, "attention"), List.of("show", "--data-dir", d, "2401.00001"),
                    List.of("similar", "--data-dir", d, "2401.00001"), List.of("summarize", "--data-dir", d, "2401.00001"));
            for (List<String> verb : verbs) {
                Run r = run(verb.toArray(String[]::new));
                assertEquals(1, r.code(), verb.toString());
                assertEquals(expected, r.err().strip(), verb.toString());
                assertEquals("", r.out(), verb.toString());
            }
            Run dry = run("ingest", "--data-dir", d, "--dry-run", sample.toString());
            assertEquals(0, dry.code(), dry.err());
            assertTrue(dry.out().contains("[dry run]") && dry.out().contains("22 added"), dry.out());
            assertTrue(dry.err().contains("no PaperClub data in " + d), dry.err());
        }
        assertFalse(Files.exists(typo), "nothing created where the data dir was mistyped");
        try (var inside = Files.list(empty)) {
            assertEquals(List.of(), inside.toList(), "nothing created in a folder without PaperClub data");
        }
        assertFalse(Files.exists(dir.resolve("x.jsonl")));

        Run ingest = run("ingest", "--data-dir", typo.toString(), sample.toString());
        assertEquals(0, ingest.code(), ingest.err());
        assertTrue(Files.isRegularFile(typo.resolve("paperclub.db")));
        Run stats = run("stats", "--json", "--data-dir", typo.toString());
        assertEquals(0, stats.code(), stats.err());
        assertEquals(22, Json.MAPPER.readTree(stats.out()).get("papers").asInt());
    }

    @Test
    void exitCodesAndMessages() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "[{\"paper\":{\"id\":\"2401.00001\",\"title\":\"x\"");
        Run refused = run("ingest", "--data-dir", data(), bad.toString());
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("bad.json") && refused.err().contains("nothing from this input was stored"), refused.err());
        assertTrue(!refused.err().contains("Exception") && !refused.err().contains("\tat "), refused.err());

        Run missing = run("ingest", "--data-dir", data(), dir.resolve("nope.txt").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("no such file"));

        Run unknown = run("show", "--data-dir", data(), "9999.99999");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("No paper matches '9999.99999'"), unknown.err());

        assertEquals(2, run("ingest").code(), "missing parameter is a usage error");
        assertEquals(2, run("frobnicate").code());
        assertEquals(2, run("export", "--format", "pdf").code());
        Run help = run("ingest", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--dry-run"));
    }
}
