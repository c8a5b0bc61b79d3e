package dev.paperclub.console;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.cli.CliRuns;
import dev.paperclub.cli.CliRuns.Run;
import dev.paperclub.command.Reply;
import dev.paperclub.command.Reply.Card;
import dev.paperclub.command.Reply.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a console user reads: no Discord-only syntax, no stray colons, each report once, refusals audited as such. */
final class ConsoleRenderingTest {
    @TempDir
    Path dir;

    @Test
    void aTitleEndingInAFullStopGetsNoColon() {
        String title = "1. Myeloid-derived suppressor cells.";
        Reply r = Reply.builder()
                .card(new Card(
                        "Search results",
                        null,
                        null,
                        List.of(
                                new Field(
                                        title,
                                        "2024-05-01 · 3 upvotes\n… a snippet of the abstract that goes on for a while …",
                                        false),
                                new Field("2. Short", "2024-05-02", false),
                                new Field("Team votes", "2", true)),
                        null))
                .build();
        String text = ConsoleRenderer.render(r).text();
        assertFalse(text.contains(".:"), text);
        assertTrue(text.contains("│ " + title + "\n"), text);
        assertTrue(
                text.contains("│ 2. Short\n│     2024-05-02"),
                "a numbered entry is a title; its details go below: " + text);
        assertTrue(text.contains("│ Team votes: 2"), "a label and a short value stay on one line: " + text);
    }

    @Test
    void echoedTextIsShownAsItIsEvenWhenItLooksLikeMarkup() {
        String title = "Links like [this](https://example.org/x) and <#general> in a title";
        Reply r = Reply.text("Voted for " + dev.paperclub.command.Echo.of(title) + " in <#papers>.");
        assertEquals(
                "Voted for " + title + " in #papers.", ConsoleRenderer.render(r).text());
    }

    @Test
    void mentionsAndMaskedLinksAreShownAsAConsoleUserReadsThem() {
        Reply r = Reply.builder()
                .content("Posted in <#papers>; members with <@&@readers> (or <@&123>) may use it, says <@alice>.")
                .card(new Card(
                        "Results",
                        null,
                        null,
                        List.of(new Field(
                                "1. A paper", "2024-05-01 · [paper page](https://arxiv.org/abs/2401.01234)", false)),
                        null))
                .build();
        String text = ConsoleRenderer.render(r).text();
        assertTrue(text.contains("Posted in #papers; members with @readers (or @123) may use it, says @alice."), text);
        assertTrue(text.contains("2024-05-01 · https://arxiv.org/abs/2401.01234"), text);
        assertFalse(text.contains("<#") || text.contains("<@") || text.contains("]("), text);
    }

    private Run console(String stdin, String... extra) {
        return CliRuns.console(dir.resolve("data"), stdin, extra);
    }

    private static int count(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    @Test
    void aModeratorSessionReadsPlainlyAndIsAuditedTruly() throws Exception {
        Path file = dir.resolve("two.jsonl");
        Files.writeString(
                file,
                """
                {"title":"Myeloid-derived suppressor cells.","abstract":"Suppressor cells in tumours."}
                {"title":"Another paper","abstract":"Something else entirely."}
                """);
        // the schedule is off so that only the two presses below post (the scheduler would post on its own)
        Run r = console(
                "/admin schedule enabled:false\n"
                        + "/admin channel channel:papers\n"
                        + "/admin moderator-role role:@readers\n"
                        + "/admin ingest file:" + file + "\n"
                        + "/admin post-highlights\n"
                        + "/admin post-highlights\n"
                        + "/search query:suppressor cells\n"
                        + "/admin audit limit:3\n",
                "--moderator");
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        String session = out.substring(0, out.lastIndexOf("Audit log"));
        String audit = out.substring(out.lastIndexOf("Audit log"));
        // each finding checked on its own, so that a failure names every one still wrong
        assertAll(
                () -> assertTrue(
                        session.contains("posted in #papers")
                                && session.contains("Members with @readers may now use")
                                && !session.contains("<#")
                                && !session.contains("<@"),
                        "no raw mention syntax: " + session),
                () -> assertEquals(1, count(session, "2 added"), "the ingest report once: " + session),
                () -> assertEquals(
                        0, count(session, "Added:"), "the counts are not repeated under the summary line: " + session),
                () -> assertTrue(
                        session.contains("1. Myeloid-derived suppressor cells.\n") && !session.contains(".:"), session),
                () -> assertTrue(audit.contains("/admin post-highlights → **refused** — Today's highlights"), audit),
                () -> assertEquals(1, count(audit, "/admin post-highlights → **ok**"), audit));
    }
}
