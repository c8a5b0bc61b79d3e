package dev.paperclub.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.TestApps;
import dev.paperclub.discord.fake.DiscordDouble;
import dev.paperclub.discord.fake.Recorded;
import dev.paperclub.paper.BibTex;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Notes and the reading list's BibTeX through the real JDA client and the Discord double. */
final class ReadingGroupEndToEndTest {
    static final String PAPER = "1601.00001";

    @TempDir
    Path dir;

    /** The custom id of the button labelled {@code label} in a message's components. */
    private static String buttonId(DataObject message, String label) {
        DataArray rows = message.optArray("components").orElseGet(DataArray::empty);
        for (int i = 0; i < rows.length(); i++) {
            DataArray buttons = rows.getObject(i).getArray("components");
            for (int j = 0; j < buttons.length(); j++) {
                DataObject b = buttons.getObject(j);
                if (label.equals(b.getString("label", null))) return b.getString("custom_id");
            }
        }
        throw new AssertionError("no button " + label + " in " + message);
    }

    @Test
    @DisplayName("a note is echoed escaped without pings; another member's press of its Delete button is refused")
    void notesThroughDiscord() throws Exception {
        try (BotHarness h = new BotHarness(DiscordDouble.start(), dir, Clock.systemUTC())) {
            TestApps.ingestAllSamples(h.app);
            DiscordDouble.Member alice = h.discord.member("alice");
            DiscordDouble.Member bob = h.discord.member("bob");
            String role = h.discord.roleId(h.discord.guildId(), "Moderator");
            String text = "@everyone and <@&" + role + "> read **this** now";

            Recorded noted = h.command("note", Map.of("paper", PAPER, "text", text), alice);
            DataObject reply = h.answer(noted);
            String content = reply.getString("content");
            assertTrue(content.contains("@everyone and <@&" + role + "> read \\*\\*this\\*\\* now"), content);
            assertEquals(
                    "[]", reply.getObject("allowed_mentions").getArray("parse").toString());
            assertEquals(List.of(), h.discord.pings(), "a note pings nobody");

            Recorded listed = h.command("notes", Map.of("paper", PAPER), alice);
            DataObject list = h.answer(listed);
            assertTrue(
                    list.getArray("embeds").getObject(0).toString().contains("read \\\\*\\\\*this"), list.toString());
            String delete = buttonId(list, "Delete 1");

            Recorded forged = h.discord.awaitCallback(h.discord.sendButton(delete, "4242", bob), BotHarness.WAIT);
            assertEquals(
                    "Only the note's author or a moderator can delete it.",
                    forged.data().getString("content"));
            assertTrue(BotHarness.ephemeral(forged), forged.data().toString());
            assertEquals(1, h.app.noteStore().count(h.discord.guildId(), PAPER));

            Recorded own = h.discord.awaitCallback(h.discord.sendButton(delete, "4242", alice), BotHarness.WAIT);
            assertTrue(
                    own.data().getString("content").startsWith("🗑️ Deleted your note"),
                    own.data().toString());
            assertEquals(0, h.app.noteStore().count(h.discord.guildId(), PAPER));
            assertEquals(List.of(), h.discord.pings());
        }
    }

    @Test
    @DisplayName("/reading-list format:bibtex uploads reading-list.bib with the list's BibTeX entries")
    void bibtexThroughDiscord() throws Exception {
        try (BotHarness h = new BotHarness(DiscordDouble.start(), dir, Clock.systemUTC())) {
            TestApps.ingestAllSamples(h.app);
            DiscordDouble.Member alice = h.discord.member("alice");
            h.answer(h.command("vote", Map.of("paper", PAPER), alice));
            h.command("reading-list", Map.of("format", "bibtex"), alice);
            Recorded upload = h.discord.awaitRequest(
                    r -> r.succeeded() && r.multipart() && r.fileNames().contains("reading-list.bib"), BotHarness.WAIT);
            String expected = BibTex.entry(h.app.papers().find(PAPER).orElseThrow()) + "\n";
            assertEquals(expected, upload.fileText("reading-list.bib").orElseThrow());
            assertTrue(
                    upload.json().toString().contains("1 paper"), upload.json().toString());
        }
    }
}
