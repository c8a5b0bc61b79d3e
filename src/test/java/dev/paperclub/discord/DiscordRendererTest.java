package dev.paperclub.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.command.Reply;
import dev.paperclub.command.Reply.Button;
import dev.paperclub.command.Reply.Card;
import dev.paperclub.command.Reply.Field;
import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.junit.jupiter.api.Test;

/** Discord's limits hold whatever a handler returns. */
final class DiscordRendererTest {
    private static String words(int chars) {
        StringBuilder b = new StringBuilder();
        while (b.length() < chars) b.append("attention ");
        return b.substring(0, chars);
    }

    @Test
    void echoedTextIsEscapedAndEverythingElseKeepsItsMarkdown() {
        Reply r = new Reply(
                "**Removed** " + dev.paperclub.command.Echo.of("# [click](https://e.example) a_b *c* ~~d~~ ||e|| `f`"),
                List.of(new Card("*Title* with under_score", null, null, List.of(), null)),
                List.of(),
                false,
                List.of());
        DiscordRenderer.Parts p = DiscordRenderer.parts(r);
        assertEquals(
                "**Removed** \\# \\[click](https://e.example) a\\_b \\*c\\* \\~\\~d\\~\\~ \\|\\|e\\|\\| \\`f\\`",
                p.content());
        assertEquals("\\*Title\\* with under\\_score", p.embeds().get(0).getTitle());
        assertEquals("\\# heading\n\\-# subtext", DiscordRenderer.escape("# heading\n-# subtext"));
        assertEquals("already \\*escaped\\*", DiscordRenderer.escape("already \\*escaped\\*"));
    }

    @Test
    void oversizedRepliesAreCutToDiscordsLimits() {
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < 30; i++) fields.add(new Field(words(300), words(1500), false));
        List<Card> cards = new ArrayList<>();
        for (int i = 0; i < 12; i++)
            cards.add(new Card(words(400), "https://arxiv.org/abs/1706.03762", words(5000), fields, words(3000)));
        List<List<Button>> rows = new ArrayList<>();
        for (int r = 0; r < 7; r++) {
            List<Button> row = new ArrayList<>();
            for (int b = 0; b < 7; b++) row.add(new Button("vote|" + r + "-" + b, words(120), Button.Style.PRIMARY));
            rows.add(row);
        }
        rows.get(0).set(0, new Button("x".repeat(101), "too long id", Button.Style.PRIMARY));
        rows.get(0).set(1, new Button("javascript:alert(1)", "bad link", Button.Style.LINK));
        Reply r = new Reply(words(5000), cards, rows, false, List.of());

        DiscordRenderer.Parts p = DiscordRenderer.parts(r);
        assertTrue(p.content().length() <= 2000);
        assertTrue(p.content().endsWith("…"));
        assertTrue(p.embeds().size() <= 10);
        int total = 0;
        for (MessageEmbed e : p.embeds()) {
            assertTrue(e.getTitle().length() <= 256);
            assertTrue(e.getDescription() == null || e.getDescription().length() <= 4096);
            assertTrue(e.getFields().size() <= 25);
            for (MessageEmbed.Field f : e.getFields()) {
                assertTrue(f.getName().length() <= 256 && f.getValue().length() <= 1024);
            }
            total += e.getLength();
        }
        assertTrue(total <= 6000, "embeds total " + total);
        assertEquals(5, p.rows().size());
        for (ActionRow row : p.rows()) assertTrue(row.getComponents().size() <= 5);
        var first = p.rows().get(0).getButtons();
        assertEquals(5, first.size());
        assertTrue(
                first.stream().noneMatch(b -> "too long id".equals(b.getLabel()) || "bad link".equals(b.getLabel())),
                "the over-long id and the unsafe link were dropped");
        assertTrue(first.stream().allMatch(b -> b.getLabel().length() <= 80));
        // JDA itself accepts the result
        DiscordRenderer.create(r);
        DiscordRenderer.edit(r);
    }

    @Test
    void anEmptyReplyStillMakesAValidMessage() {
        assertEquals("\u200b", DiscordRenderer.parts(Reply.text("")).content());
        DiscordRenderer.create(Reply.text(""));
        assertEquals("ab…", DiscordRenderer.cut("ab cdefgh", 4));
    }
}
