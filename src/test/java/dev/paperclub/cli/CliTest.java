package dev.paperclub.cli;

import static dev.paperclub.cli.CliRuns.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.Main;
import dev.paperclub.TestApps;
import dev.paperclub.cli.CliRuns.Run;
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
    @TempDir
    Path dir;

    private Path sampleFile(String name) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, TestApps.sample(name));
        return p;
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    /** Ingests the first sample page into {@link #data()}, a library for the verbs under test to read. */
    private void ingestFirstSamplePage() throws Exception {
        Run ingest = run(
                "ingest", "--data-dir", data(), sampleFile("hf_page_000.txt").toString());
        assertEquals(0, ingest.code(), ingest.err());
    }

    @Test
    void ingestShowStatsAndExportRoundTrip() throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("ingest", "--data-dir", data()));
        for (String s : TestApps.SAMPLES) args.add(sampleFile(s).toString());
        Run ingest = run(args.toArray(String[]::new));
        assertEquals(0, ingest.code(), ingest.err());
        assertTrue(ingest.out().contains("22 added"), ingest.out());

        // no vectors after a CLI ingest: an explicit --mode dense/hybrid says it ranked by words
        Run dense = run("search", "--data-dir", data(), "--mode", "dense", "pointer networks");
        assertEquals(0, dense.code(), dense.err());
        assertTrue(
                dense.err().contains("note: ranking by words only")
                        && dense.err().contains("reindex --vectors"),
                dense.err());
        assertTrue(dense.out().contains("Pointer Networks"), dense.out());
        assertTrue(
                !run("search", "--data-dir", data(), "pointer networks").err().contains("note:"),
                "the default mode stays quiet");
        assertTrue(!run("search", "--data-dir", data(), "--mode", "lexical", "pointer networks")
                .err()
                .contains("note:"));

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
        assertEquals(
                List.of(
                        "id",
                        "arxiv_id",
                        "title",
                        "abstract",
                        "authors",
                        "author_count",
                        "organization",
                        "published",
                        "upvotes",
                        "url",
                        "sources"),
                fields);
        assertEquals("2015-12-26", p.get("published").asText());
        assertTrue(p.get("upvotes").isNull());

        Path export = dir.resolve("corpus.jsonl");
        assertEquals(
                0,
                run("export", "--data-dir", data(), "--output", export.toString())
                        .code());
        assertEquals(201, Files.readAllLines(export).size());

        String other = dir.resolve("data2").toString();
        Run back = run("ingest", "--data-dir", other, export.toString());
        assertEquals(0, back.code(), back.err());
        assertTrue(back.out().contains("201 added"), back.out());
        Path export2 = dir.resolve("corpus2.jsonl");
        run("export", "--data-dir", other, "--output", export2.toString());
        assertEquals(Files.readString(export), Files.readString(export2), "export -> ingest -> export is lossless");

        Run bib = run("export", "--data-dir", data(), "--format", "bibtex");
        assertTrue(
                bib.out().contains("@misc{1601.00001,") && bib.out().contains("archivePrefix = {arXiv}"),
                bib.out().substring(0, 300));
    }

    @Test
    void searchSummarizeAndSimilarVerbs() throws Exception {
        ingestFirstSamplePage();
        String pointer = dev.paperclub.paper.PaperIds.fromTitle("Pointer Networks");

        Run search = run("search", "--data-dir", data(), "Pointer Networks", "--limit", "3", "--json");
        assertEquals(0, search.code(), search.err());
        var first = Json.MAPPER.readTree(search.out().lines().findFirst().orElseThrow());
        assertEquals(pointer, first.get("id").asText());

        Path queries = dir.resolve("q.jsonl");
        Files.writeString(
                queries,
                "{\"_id\":\"q1\",\"text\":\"pointer networks\"}\n{\"_id\":\"q2\",\"text\":\"speech recognition\"}\n");
        Path runFile = dir.resolve("run.trec");
        assertEquals(
                0,
                run(
                                "search",
                                "--data-dir",
                                data(),
                                "--queries",
                                queries.toString(),
                                "--run",
                                runFile.toString(),
                                "--limit",
                                "5")
                        .code());
        List<String> lines = Files.readAllLines(runFile);
        assertEquals(10, lines.size());
        assertTrue(
                lines.get(0).matches("q1 Q0 " + java.util.regex.Pattern.quote(pointer) + " 1 [0-9.E-]+ paperclub"),
                lines.get(0));
        assertTrue(
                lines.get(5).startsWith("q2 Q0 ") && lines.get(5).split(" ")[3].equals("1"), lines.get(5));

        Run sum = run("summarize", "--data-dir", data(), pointer, "--json");
        assertEquals(0, sum.code(), sum.err());
        var summary = Json.MAPPER.readTree(sum.out());
        assertEquals(pointer, summary.get("id").asText());
        assertFalse(summary.get("tldr").asText().isBlank());
        assertTrue(summary.get("keywords").size() >= 1);

        Run similar = run("similar", "--data-dir", data(), pointer, "--limit", "3", "--json");
        assertEquals(0, similar.code(), similar.err());
        List<String> ids = similar.out()
                .lines()
                .map(l -> {
                    try {
                        return Json.MAPPER.readTree(l).get("id").asText();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .toList();
        assertEquals(3, ids.size());
        assertFalse(ids.contains(pointer), "a paper is not similar to itself");

        assertEquals(2, run("search", "--data-dir", data()).code(), "a query or --queries is required");
        assertEquals(1, run("summarize", "--data-dir", data(), "9999.99999").code());
    }

    @Test
    void paperArgumentsAreFoundAsTheSlashCommandsFindThem() throws Exception {
        // A paper first seen without an arXiv id keeps its title id after it gains one.
        Path first = dir.resolve("first.jsonl");
        Files.writeString(
                first, "{\"title\":\"Linear Attention Revisited\",\"abstract\":\"We revisit linear attention.\"}\n");
        Path later = dir.resolve("later.jsonl");
        Files.writeString(
                later,
                "{\"id\":\"2401.01234\",\"arxiv_id\":\"2401.01234\",\"title\":\"Linear Attention Revisited\","
                        + "\"abstract\":\"We revisit linear attention.\"}\n");
        assertEquals(0, run("ingest", "--data-dir", data(), first.toString()).code());
        assertEquals(0, run("ingest", "--data-dir", data(), later.toString()).code());
        for (String typed : List.of("2401.01234", "https://arxiv.org/abs/2401.01234v2", "linear attention revisited")) {
            Run show = run("show", "--data-dir", data(), typed, "--json");
            assertEquals(0, show.code(), typed + ": " + show.err());
            assertTrue(
                    show.out().contains("\"arxiv_id\":\"2401.01234\"")
                            && show.out().contains("\"id\":\"t-"),
                    show.out());
            assertEquals(0, run("summarize", "--data-dir", data(), typed).code(), typed);
            assertEquals(0, run("similar", "--data-dir", data(), typed).code(), typed);
        }
    }

    @Test
    @org.junit.jupiter.api.DisplayName(
            "a damaged search index is set aside and rebuilt by any verb: stats --json works after it")
    void damagedIndexIsRebuiltByAnyVerb() throws Exception {
        ingestFirstSamplePage();
        List<Path> segments;
        try (var files = Files.list(dir.resolve("data").resolve("index"))) {
            segments = files.filter(p -> p.getFileName().toString().endsWith(".cfs"))
                    .toList();
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
    @org.junit.jupiter.api.DisplayName(
            "a data dir in use by another process says so and what to do; other data.dir problems get their own message")
    void dataDirProblemsAreNamed() throws Exception {
        ingestFirstSamplePage();
        String inUse = "another PaperClub process (a console or the bot) is using " + data()
                + "; stop it, or point this command at another data.dir";
        try (dev.paperclub.App running = TestApps.open(dir.resolve("data"))) { // as a console or the bot holds it
            // the verbs that only read work beside it (BesideRunningConsoleTest); a second console does not
            Run r = CliRuns.console(dir.resolve("data"), "quit\n");
            assertEquals(1, r.code(), r.out());
            assertEquals("error: " + inUse, r.err().strip());
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
        assertTrue(
                g.err().contains(garbage.resolve("paperclub.db") + " is not a PaperClub database (not SQLite)"),
                g.err());

        for (Run r : List.of(f, g)) {
            assertFalse(
                    r.err().contains("another PaperClub process")
                            || r.err().contains("SQLITE")
                            || r.err().contains("Exception"),
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
            String expected =
                    "error: no PaperClub data in " + d + " (nothing ingested yet?); check --data-dir or data.dir";
            List<List<String>> verbs = List.of(
                    List.of("stats", "--data-dir", d),
                    List.of("stats", "--json", "--data-dir", d),
                    List.of("export", "--data-dir", d),
                    List.of(
                            "export",
                            "--data-dir",
                            d,
                            "--output",
                            dir.resolve("x.jsonl").toString()),
                    List.of("search", "--data-dir", d, "attention"),
                    List.of("show", "--data-dir", d, "2401.00001"),
                    List.of("similar", "--data-dir", d, "2401.00001"),
                    List.of("summarize", "--data-dir", d, "2401.00001"));
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
        assertTrue(
                refused.err().contains("bad.json") && refused.err().contains("nothing from this input was stored"),
                refused.err());
        assertTrue(!refused.err().contains("Exception") && !refused.err().contains("\tat "), refused.err());

        Path allBad = dir.resolve("all-bad.jsonl");
        Files.writeString(allBad, "{\"title\":\"No abstract\"}\n{\"abstract\":\"No title\"}\n");
        Run rejected = run("ingest", "--data-dir", data(), allBad.toString());
        assertEquals(1, rejected.code(), "nothing stored is a failure");
        assertTrue(
                rejected.out().contains("2 rejected") && rejected.err().contains("every record was rejected"),
                rejected.err());
        Path someBad = dir.resolve("some-bad.jsonl");
        Files.writeString(someBad, "{\"title\":\"No abstract\"}\n{\"title\":\"Fine\",\"abstract\":\"Fine.\"}\n");
        assertEquals(0, run("ingest", "--data-dir", data(), someBad.toString()).code(), "the rest is stored");

        Run missing =
                run("ingest", "--data-dir", data(), dir.resolve("nope.txt").toString());
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

    @Test
    void everyVerbPrintsTheVersionItsHelpLists() {
        Run top = run("--version");
        assertEquals(0, top.code());
        assertTrue(top.out().startsWith("PaperClub "), top.out());
        for (String verb : Main.commandLine().getSubcommands().keySet()) {
            assertTrue(run(verb, "--help").out().contains("--version"), verb + " --help lists --version");
            for (String option : List.of("-V", "--version")) {
                Run r = run(verb, option);
                assertEquals(0, r.code(), verb + " " + option + ": " + r.err());
                assertEquals(top.out(), r.out(), verb + " " + option);
            }
        }
    }

    @Test
    void searchLimitOutsideWhatSearchAcceptsIsAUsageError() throws Exception {
        ingestFirstSamplePage();
        Path queries = dir.resolve("q.jsonl");
        Files.writeString(queries, "{\"_id\":\"q1\",\"text\":\"pointer networks\"}\n");
        Path runFile = dir.resolve("run.trec");
        List<List<String>> bad = List.of(
                List.of("search", "--data-dir", data(), "--limit", "1001", "mamba"),
                List.of("search", "--data-dir", data(), "--limit", "0", "mamba"),
                List.of(
                        "search",
                        "--data-dir",
                        data(),
                        "--limit",
                        "5000",
                        "--queries",
                        queries.toString(),
                        "--run",
                        runFile.toString()));
        for (List<String> args : bad) {
            Run r = run(args.toArray(String[]::new));
            assertEquals(2, r.code(), args + ": " + r.err());
            assertTrue(r.err().contains("--limit must be 1-1000"), r.err());
            assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        }
        assertFalse(Files.exists(runFile), "a refused batch writes no run");
        assertEquals(
                0,
                run("search", "--data-dir", data(), "--limit", "1000", "mamba").code());
        assertEquals(
                0,
                run(
                                "search",
                                "--data-dir",
                                data(),
                                "--limit",
                                "1000",
                                "--queries",
                                queries.toString(),
                                "--run",
                                runFile.toString())
                        .code());
        assertTrue(run("search", "--help").out().contains("1-1000"), "--help says the range");
    }

    @Test
    void batchQueryIdsMustFitATrecRun() throws Exception {
        ingestFirstSamplePage();
        Path runFile = dir.resolve("run.trec");
        String ok = "{\"_id\":\"q1\",\"text\":\"pointer networks\"}\n";
        List<List<String>> cases = List.of(
                List.of("{\"_id\":\"q 2\",\"text\":\"speech\"}", "line 2 has an \"_id\" with whitespace (\"q 2\")"),
                List.of("{\"_id\":\"q\\t2\",\"text\":\"speech\"}", "line 2 has an \"_id\" with whitespace"),
                List.of("{\"_id\":\" \",\"text\":\"speech\"}", "line 2 has an \"_id\" with whitespace"),
                List.of("{\"_id\":\"\",\"text\":\"speech\"}", "line 2 needs \"_id\""),
                List.of("{\"_id\":\"q1\",\"text\":\"speech\"}", "line 2 repeats the \"_id\" \"q1\" of line 1"));
        for (List<String> c : cases) {
            Path queries = dir.resolve("q.jsonl");
            Files.writeString(queries, ok + c.get(0) + "\n");
            Run r = run("search", "--data-dir", data(), "--queries", queries.toString(), "--run", runFile.toString());
            assertEquals(1, r.code(), c.get(0) + ": " + r.err());
            assertTrue(r.err().contains("q.jsonl: " + c.get(1)), r.err());
            assertFalse(Files.exists(runFile), "a refused batch writes no run: " + c.get(0));
        }
    }

    @Test
    void outputFilesThatCannotBeWrittenAreNamedPlainly() throws Exception {
        ingestFirstSamplePage();
        Path queries = dir.resolve("q.jsonl");
        Files.writeString(queries, "{\"_id\":\"q1\",\"text\":\"pointer networks\"}\n");
        Path input = dir.resolve("in.jsonl");
        Files.writeString(
                input, "{\"id\":\"p1\",\"title\":\"T\",\"abstract\":\"We study pointer networks. They work well.\"}\n");
        Path missing = dir.resolve("nope").resolve("out");
        Path directory = Files.createDirectory(dir.resolve("outdir"));
        for (Path target : List.of(missing, directory)) {
            String expected = "error: cannot write " + target + ": "
                    + (target == missing
                            ? "directory " + missing.getParent() + " does not exist"
                            : "it is a directory");
            for (List<String> args : List.of(
                    List.of("export", "--data-dir", data(), "-o", target.toString()),
                    List.of("summarize", "--input", input.toString(), "--output", target.toString()),
                    List.of(
                            "search",
                            "--data-dir",
                            data(),
                            "--queries",
                            queries.toString(),
                            "--run",
                            target.toString()))) {
                Run r = run(args.toArray(String[]::new));
                assertEquals(1, r.code(), args + ": " + r.err());
                assertEquals(expected, r.err().strip(), args.toString());
            }
        }

        // a symlinked output stays a link; the file it points to gets the export
        Path real = dir.resolve("real.jsonl");
        Files.writeString(real, "");
        Path link = Files.createSymbolicLink(dir.resolve("link.jsonl"), real);
        assertEquals(
                0, run("export", "--data-dir", data(), "-o", link.toString()).code());
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(22, Files.readAllLines(real).size());
    }

    @Test
    void batchInputsThatAreNotUtf8TextOrAreDirectoriesAreNamed() throws Exception {
        ingestFirstSamplePage();
        Path junk = dir.resolve("junk.bin");
        Files.write(junk, new byte[] {'{', '}', '\n', (byte) 0xC3, (byte) 0x28, 0, (byte) 0xFF, '\n'});
        Path folder = Files.createDirectory(dir.resolve("folder"));
        Path out = dir.resolve("out");
        for (Path input : List.of(junk, folder)) {
            String expected = input == junk
                    ? "error: " + junk + ": not UTF-8 text (bad bytes on line 2)."
                    : "error: " + folder + ": is a directory, not a file.";
            for (List<String> args : List.of(
                    List.of("summarize", "--input", input.toString(), "--output", out.toString()),
                    List.of("search", "--data-dir", data(), "--queries", input.toString(), "--run", out.toString()))) {
                Run r = run(args.toArray(String[]::new));
                assertEquals(1, r.code(), args + ": " + r.err());
                assertEquals(expected, r.err().strip(), args.toString());
                assertFalse(Files.exists(out), "nothing written for a refused input");
            }
        }
    }

    /** Runs as {@code java -jar} does, with stdout failing on every write as on a full disk. */
    private Run runWithStdoutFailing(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("No space left on device");
            }
        });
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, "", err.toString());
    }

    @Test
    void aResultThatCannotBeWrittenToStdoutIsAFailure() throws Exception {
        ingestFirstSamplePage();
        String pointer = dev.paperclub.paper.PaperIds.fromTitle("Pointer Networks");
        for (List<String> args : List.of(
                List.of("export", "--data-dir", data()),
                List.of("export", "--data-dir", data(), "--format", "bibtex"),
                List.of("search", "--data-dir", data(), "pointer networks"),
                List.of("search", "--data-dir", data(), "pointer networks", "--json"),
                List.of("show", "--data-dir", data(), pointer),
                List.of("summarize", "--data-dir", data(), pointer),
                List.of("similar", "--data-dir", data(), pointer),
                List.of("stats", "--data-dir", data()),
                List.of("search", "--version"))) {
            Run r = runWithStdoutFailing(args.toArray(String[]::new));
            assertEquals(1, r.code(), args + ": " + r.err());
            assertEquals(
                    "error: could not write the output: the disk is full (No space left on device); free some space and run it again",
                    r.err().strip(),
                    args.toString());
        }
        assertEquals(0, run("export", "--data-dir", data()).code(), "a working stdout is still a success");
    }

    @Test
    void showNamesARemovedPaperAndOffersTitlesThatMatchEquallyWell() throws Exception {
        String id;
        try (dev.paperclub.App app = TestApps.open(dir.resolve("data"))) {
            TestApps.ingestAllSamples(app);
            id = app.papers()
                    .findAnyByTitle("Quamba: A Post-Training Quantization Recipe for Selective State Space Models")
                    .orElseThrow()
                    .paper()
                    .id();
            assertTrue(app.papers().remove(id, TestApps.NOW));
        }
        Run removed = run("show", "--data-dir", data(), "Quamba");
        assertEquals(1, removed.code());
        assertTrue(
                removed.err().contains("'Quamba' names a removed paper: Quamba: A Post-Training Quantization Recipe")
                        && removed.err().contains("`/admin restore paper:" + id + "`"),
                removed.err());
        assertFalse(removed.err().contains("search"), "search cannot find it either: " + removed.err());
        Run several = run("show", "--data-dir", data(), "attention");
        assertEquals(1, several.code(), several.out());
        assertTrue(several.err().contains("'attention' matches 6 papers equally well: Attention"), several.err());
    }
}
