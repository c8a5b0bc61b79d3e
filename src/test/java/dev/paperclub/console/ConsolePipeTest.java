package dev.paperclub.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.cli.CliRuns;
import dev.paperclub.cli.CliRuns.Run;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console verb end to end with piped stdin, as scripts drive it. */
final class ConsolePipeTest {
    @TempDir
    Path dir;

    private Run console(String stdin, String... extra) {
        return CliRuns.console(dir.resolve("data"), stdin, extra);
    }

    @Test
    void aScriptedSessionOnTheBundledSamples() {
        Run r = console(
                """
                /search query:pointer networks limit:2
                press 1
                /paper paper:Pointer Networks
                press 99
                press 1
                /reading-list
                /search color:red
                press 1
                """,
                "--user",
                "alice");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("loaded the bundled sample corpus: 201 papers"), r.err());
        assertTrue(r.out().contains("1. Pointer Networks"), r.out());
        assertTrue(r.out().contains("TL;DR"), "press 1 pressed Summary 1");
        assertTrue(r.out().contains("Vote recorded for **Pointer Networks**"), r.out());
        assertTrue(r.out().contains("1 vote · ✅ you voted"), r.out());
        assertTrue(r.out().contains("has no option `color`"));
        assertTrue(r.out().contains("Press a number from 1 to 3."), "the paper card has Vote, Summary, Similar");
        assertTrue(r.out().contains("There are no buttons to press."), "the reading list has none");
        assertFalse(r.out().contains("Exception"));
        assertFalse(r.out().contains("paperclub>"), "no prompt noise when piped");

        Run second = console("/reading-list\nquit\n/help\n", "--user", "bob");
        assertFalse(second.err().contains("bundled sample corpus"), "samples load only into an empty library");
        assertTrue(second.out().contains("1 vote") && !second.out().contains("you voted"), second.out());
        assertFalse(second.out().contains("/summarize"), "quit stops reading");
    }

    @Test
    void aLongScriptIsNotRateLimited() {
        // the per-member limit (30 a minute) guards the bot against members, not its operator's scripts
        Run r = console("/help\n".repeat(40) + "/paper paper:Pointer Networks\n", "--user", "alice");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains("going a bit fast"), r.out());
        assertTrue(r.out().contains("Pointer Networks"), r.out());
    }

    @Test
    void aModeratorRunsAdminCommandsAndSeesPostsPrinted() throws Exception {
        Path extra = dir.resolve("extra.jsonl");
        java.nio.file.Files.writeString(
                extra,
                "{\"id\":\"x-1\",\"title\":\"A Console Attached Paper\","
                        + "\"abstract\":\"Ingested from a local file given as an attachment at the console.\"}\n");
        Run r = console(
                """
                /admin channel channel:reading-group
                /admin ingest file:%s
                /admin post-highlights
                /admin stats
                """
                        .formatted(extra),
                "--user",
                "mod",
                "--moderator");
        assertEquals(0, r.code(), r.err());
        assertTrue(
                r.out().contains("will be posted in #reading-group."),
                "the console shows no mention syntax: " + r.out());
        assertTrue(r.out().contains("extra.jsonl") && r.out().contains("1 added"), r.out());
        assertTrue(r.out().contains("→ posted in #reading-group:"), r.out());
        assertTrue(r.out().contains("Today's highlights"), r.out());
        assertTrue(r.out().contains("Posted 3 highlights"), r.out());
        assertTrue(r.out().contains("Command latency"), r.out());

        Run member = console("/admin stats\n/admin ingest file:/no/such/file.txt\n", "--user", "someone");
        assertTrue(member.out().contains("Only moderators"), member.out());
        assertTrue(member.out().contains("no file at `/no/such/file.txt`"), member.out());
    }

    @Test
    void aWatchedArrivalShowsTheDirectMessageAndPostsShowTheirChannel() throws Exception {
        Path arrival = dir.resolve("arrival.jsonl");
        java.nio.file.Files.writeString(
                arrival,
                "{\"id\":\"ssm-1\",\"title\":\"Selective State Space Models\",\"abstract\":\"We study state space"
                        + " models for long sequences.\",\"url\":\"https://arxiv.org/abs/2401.00001\"}\n"
                        + "{\"id\":\"vis-1\",\"title\":\"Vision at Scale\",\"abstract\":\"Images.\"}\n");
        Run r = console(
                """
                /watch add query:"state space" models
                /admin ingest file:%s
                /admin channel channel:#papers
                /admin post-highlights
                """
                        .formatted(arrival),
                "--user",
                "alice",
                "--moderator",
                "--no-samples");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("→ direct message to @alice:\n"), r.out());
        // the message runs to the blank line after it (the watches' thread prints it while later commands run)
        String fromDm = r.out().substring(r.out().indexOf("→ direct message to @alice:"));
        String dm = fromDm.substring(0, fromDm.indexOf("\n\n"));
        assertTrue(dm.contains("1 new paper matched your watches"), dm);
        assertTrue(dm.contains("Selective State Space Models") && !dm.contains("Vision at Scale"), dm);
        assertTrue(dm.contains("https://arxiv.org/abs/2401.00001"), dm);
        // its button is shown, but not offered for pressing: the prompt cannot press a DM's buttons
        assertTrue(dm.contains("[Vote]") && !dm.contains("press N"), dm);
        assertTrue(r.out().contains("→ posted in #papers:\n"), "a channel typed as #papers: " + r.out());
    }
}
