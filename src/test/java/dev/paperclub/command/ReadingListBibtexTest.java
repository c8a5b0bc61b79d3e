package dev.paperclub.command;

import static dev.paperclub.command.MemberCommandsTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.App;
import dev.paperclub.TestApps;
import dev.paperclub.console.ConsoleSession;
import dev.paperclub.paper.BibTex;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /reading-list format:bibtex}: a {@code .bib} attachment through the command layer and the console. */
final class ReadingListBibtexTest {
    static final Caller ALICE = new Caller("111", "alice", "g1", "c1", List.of(), false);
    static final Caller BOB = new Caller("222", "bob", "g1", "c1", List.of(), false);

    @TempDir
    Path dir;

    App app;

    @BeforeEach
    void open() throws Exception {
        app = App.open(TestApps.config(dir).with("commands.per-user-per-minute", "10000"), TestApps.CLOCK);
        TestApps.ingestAllSamples(app);
        run(app, ALICE, "vote", "paper", "1601.00001");
        run(app, ALICE, "vote", "paper", "Pointer Networks");
        run(app, BOB, "vote", "paper", "Pointer Networks");
    }

    @AfterEach
    void close() {
        app.close();
    }

    private String expectedBib() {
        // list order: Pointer Networks (2 votes) before 1601.00001 (1 vote)
        String pointer =
                app.papers().findByTitle("Pointer Networks").orElseThrow().id();
        return BibTex.entry(app.papers().find(pointer).orElseThrow()) + "\n"
                + BibTex.entry(app.papers().find("1601.00001").orElseThrow()) + "\n";
    }

    @Test
    @DisplayName("format:bibtex attaches reading-list.bib with the export's entries, in list order")
    void bibtexIsAnAttachment() {
        Reply r = run(app, ALICE, "reading-list", "format", "bibtex");
        assertEquals(1, r.files().size(), r.content());
        Reply.File f = r.files().get(0);
        assertEquals("reading-list.bib", f.name());
        assertTrue(f.text());
        assertEquals(expectedBib(), f.asText());
        assertTrue(r.content().contains("2 papers"), r.content());
        // text stays the default, without a file
        assertEquals(List.of(), run(app, ALICE, "reading-list").files());
        assertEquals(
                List.of(), run(app, ALICE, "reading-list", "format", "text").files());
        Reply bad = run(app, ALICE, "reading-list", "format", "ris");
        assertTrue(bad.ephemeral());
        assertEquals("`format` must be `text` or `bibtex`.", bad.content());
    }

    @Test
    @DisplayName("the console prints the attachment's file name and its content")
    void consolePrintsTheFile() {
        StringWriter out = new StringWriter();
        ConsoleSession console = new ConsoleSession(app.commands(), ALICE, new PrintWriter(out));
        console.handle("/reading-list format:bibtex");
        String shown = out.toString();
        assertTrue(shown.contains("📎 reading-list.bib:\n" + expectedBib()), shown);
    }
}
