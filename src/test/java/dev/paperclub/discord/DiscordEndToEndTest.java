package dev.paperclub.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperclub.App;
import dev.paperclub.TestApps;
import dev.paperclub.command.CommandDefinitions;
import dev.paperclub.command.Reply;
import dev.paperclub.discord.fake.DiscordDouble;
import dev.paperclub.discord.fake.Recorded;
import dev.paperclub.util.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real bot (App + DiscordBot on JDA 6) against the local Discord double. */
final class DiscordEndToEndTest {
    static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    static Path dir;

    static BotHarness h;
    static DiscordDouble discord;
    static App app;
    static DiscordDouble.Member alice;

    @BeforeAll
    static void start() throws Exception {
        h = new BotHarness(DiscordDouble.start(), dir, java.time.Clock.systemUTC());
        discord = h.discord;
        app = h.app;
        TestApps.ingestAllSamples(app);
        alice = discord.member("alice");
    }

    @AfterAll
    static void stop() {
        if (h != null) h.close();
    }

    private static Recorded slash(String name, Map<String, ?> options) {
        String id = discord.sendSlashCommand(name, options, alice);
        return discord.awaitCallback(id, WAIT);
    }

    static List<DataObject> buttons(DataObject messageData) {
        List<DataObject> out = new ArrayList<>();
        DataArray rows = messageData.optArray("components").orElseGet(DataArray::empty);
        for (int i = 0; i < rows.length(); i++) {
            DataArray cs = rows.getObject(i).optArray("components").orElseGet(DataArray::empty);
            for (int j = 0; j < cs.length(); j++) out.add(cs.getObject(j));
        }
        return out;
    }

    @Test
    @DisplayName("registration sends exactly the commands of commands/*.json in one bulk overwrite")
    void registrationPayloadEqualsTheDefinitions() throws Exception {
        Recorded put = discord.awaitCommandRegistration(WAIT);
        assertEquals("applications/" + discord.applicationId() + "/commands", put.path());
        JsonNode sent = Json.MAPPER.readTree(put.body());
        JsonNode defined = CommandDefinitions.load(Path.of("commands")).json();
        assertEquals(defined.size(), sent.size());
        for (JsonNode want : defined) {
            JsonNode got = null;
            for (JsonNode s : sent)
                if (s.get("name").asText().equals(want.get("name").asText())) got = s;
            assertTrue(got != null, "missing " + want.get("name"));
            assertEquals(want.get("description"), got.get("description"));
            // JDA writes the context numbers as strings; Discord reads both
            assertEquals(
                    texts(want.path("contexts")),
                    texts(got.path("contexts")),
                    want.get("name").asText());
            assertEquals(
                    want.path("default_member_permissions").asText(""),
                    got.path("default_member_permissions").asText(""));
            assertEquals(
                    optionShape(want.path("options")),
                    optionShape(got.path("options")),
                    want.get("name").asText());
        }
        long puts = discord.requests().stream()
                .filter(r -> r.method().equals("PUT"))
                .count();
        assertEquals(1, puts, "one bulk overwrite");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** name:type:required:autocomplete:min:max for every option, nested. */
    private static List<String> optionShape(JsonNode options) {
        List<String> out = new ArrayList<>();
        for (JsonNode o : options) {
            out.add(o.get("name").asText() + ":" + o.get("type").asInt() + ":"
                    + o.path("required").asBoolean(false) + ":"
                    + o.path("autocomplete").asBoolean(false) + ":"
                    + o.path("min_value").asText("") + ":" + o.path("max_value").asText("")
                    + ":" + o.path("description").asText());
            out.addAll(optionShape(o.path("options")));
        }
        return out;
    }

    @Test
    void searchRepliesWithAnEmbedPerResultListAndWorkingPaging() {
        Recorded cb = slash("search", Map.of("query", "speech recognition", "limit", 3));
        assertEquals(4, cb.callbackType());
        assertFalse(BotHarness.ephemeral(cb));
        DataObject data = cb.data();
        assertTrue(data.getString("content").contains("papers match `speech recognition`"), data.getString("content"));
        DataObject embed = data.getArray("embeds").getObject(0);
        assertEquals("Search results", embed.getString("title"));
        assertEquals(3, embed.getArray("fields").length());
        assertTrue(embed.getArray("fields").getObject(0).getString("value").contains("**"));
        List<DataObject> bs = buttons(data);
        assertTrue(bs.stream().anyMatch(b -> b.getString("label").equals("Summary 1")));
        DataObject next = bs.stream()
                .filter(b -> b.getString("label").startsWith("Next"))
                .findFirst()
                .orElseThrow();

        String press = discord.sendButton(next.getString("custom_id"), "1000", alice);
        Recorded page = discord.awaitCallback(press, WAIT);
        assertEquals(7, page.callbackType(), "paging updates the message");
        assertTrue(
                page.data().getString("content").contains("page 2"), page.data().toString());
    }

    @Test
    void paperRepliesWithACardAndButtons() {
        Recorded cb = slash("paper", Map.of("paper", "1601.00001"));
        DataObject embed = cb.data().getArray("embeds").getObject(0);
        assertEquals(
                "Inelastic effects in molecular transport junctions: The probe technique at high bias",
                embed.getString("title"));
        assertEquals("https://arxiv.org/abs/1601.00001", embed.getString("url"));
        assertTrue(embed.getString("description").startsWith("We extend the Landauer"));
        List<String> labels =
                buttons(cb.data()).stream().map(b -> b.getString("label")).toList();
        assertEquals(List.of("Vote", "Summary", "Similar", "Open"), labels);
        DataObject open = buttons(cb.data()).get(3);
        assertEquals(5, open.getInt("style"), "a link button");
        assertEquals("https://arxiv.org/abs/1601.00001", open.getString("url"));
    }

    @Test
    void summarizeSimilarAndHelpAnswer() {
        Recorded sum = slash("summarize", Map.of("paper", "Pointer Networks"));
        DataObject e = sum.data().getArray("embeds").getObject(0);
        assertEquals("TL;DR", e.getArray("fields").getObject(0).getString("name"));
        assertTrue(e.getObject("footer").getString("text").contains("abstract"));
        Recorded sim = slash("similar", Map.of("paper", "Pointer Networks", "limit", 2));
        assertEquals(
                2, sim.data().getArray("embeds").getObject(0).getArray("fields").length());
        Recorded help = slash("help", Map.of());
        assertTrue(BotHarness.ephemeral(help));
    }

    @Test
    void errorsAreEphemeralAndShort() {
        Recorded cb = slash("paper", Map.of("paper", "no such paper qwxz"));
        assertTrue(BotHarness.ephemeral(cb));
        assertTrue(cb.data().getString("content").startsWith("No paper matches"));
    }

    @Test
    void autocompleteOffersTitlesWithIdValues() {
        String id = discord.sendAutocomplete("paper", "paper", "pointer", Map.of(), alice);
        Recorded cb = discord.awaitCallback(id, WAIT);
        assertEquals(8, cb.callbackType());
        DataArray choices = cb.data().getArray("choices");
        assertTrue(choices.length() >= 1 && choices.length() <= 25);
        assertEquals("Pointer Networks", choices.getObject(0).getString("name"));
        for (int i = 0; i < choices.length(); i++) {
            assertTrue(choices.getObject(i).getString("name").length() <= 100);
            assertTrue(
                    app.papers().find(choices.getObject(i).getString("value")).isPresent());
        }
    }

    @Test
    void aForgedButtonGetsAClearPrivateAnswer() {
        String id = discord.sendButton("admin-nuke|everything", "1001", alice);
        Recorded cb = discord.awaitCallback(id, WAIT);
        assertEquals(4, cb.callbackType());
        assertTrue(BotHarness.ephemeral(cb));
        assertTrue(cb.data().getString("content").contains("isn't one I recognize"));
    }

    @Test
    void theVoteButtonRecordsAVoteForTheMember() {
        Recorded cb = slash("paper", Map.of("paper", "Pointer Networks"));
        String voteId = buttons(cb.data()).get(0).getString("custom_id");
        DiscordDouble.Member bob = discord.member("bob-voter");
        Recorded pressed = discord.awaitCallback(discord.sendButton(voteId, "1002", bob), WAIT);
        assertTrue(
                pressed.data().getString("content").contains("Vote recorded"),
                pressed.data().toString());
        assertEquals(
                1,
                app.voteStore()
                        .votedBy(discord.guildId(), bob.userId(), List.of(voteId.substring(5)))
                        .size());
    }

    @Test
    @DisplayName("a burst of 200 interactions: every one acknowledged within 3 s")
    void burst() {
        List<String> ids = new ArrayList<>();
        String[] queries = {"attention", "speech", "diffusion", "segmentation", "language models"};
        for (int i = 0; i < 200; i++) {
            ids.add(discord.sendSlashCommand(
                    "search",
                    Map.of("query", queries[i % queries.length], "limit", 3),
                    discord.member("u" + (i % 20))));
        }
        List<Long> ms = new ArrayList<>();
        for (String id : ids) {
            discord.awaitCallback(id, Duration.ofSeconds(30));
            long lat = discord.callbackLatencyNanos(id).orElseThrow() / 1_000_000;
            ms.add(lat);
        }
        Collections.sort(ms);
        long p50 = ms.get(ms.size() / 2);
        long p99 = ms.get((int) Math.ceil(ms.size() * 0.99) - 1);
        System.out.printf(
                "burst of 200 /search through PaperClub: acknowledgement p50 %d ms, p99 %d ms, max %d ms%n",
                p50, p99, ms.get(ms.size() - 1));
        assertTrue(
                ms.get(ms.size() - 1) < 3000,
                "every interaction acknowledged within 3 s; max " + ms.get(ms.size() - 1));
    }

    @Test
    void survivesADroppedGatewayAndRestErrors() {
        discord.dropGatewayConnection();
        discord.awaitGatewayLive(Duration.ofSeconds(30));
        assertEquals(4, slash("help", Map.of()).callbackType());

        discord.failNext("POST interactions/*/*/callback", 502, 1);
        assertEquals(4, slash("help", Map.of()).callbackType(), "a 502 on the reply is retried (by JDA)");

        discord.failNext("POST interactions/*/*/callback", 503, 2);
        assertEquals(4, slash("help", Map.of()).callbackType(), "two 503s on the reply are retried (by JDA)");

        discord.rateLimitNext("POST interactions/*/*/callback", Duration.ofSeconds(1));
        assertEquals(4, slash("help", Map.of()).callbackType(), "a 429 with Retry-After is waited out");
    }

    @Test
    void postsThroughTheGatewayAndReportsFailuresForTheCallerToRetry() throws Exception {
        String channel = discord.channelId(discord.guildId(), "papers");
        discord.failNext("POST channels/{id}/messages", 500, 1);
        org.junit.jupiter.api.Assertions.assertThrows(
                dev.paperclub.command.ChannelGateway.PostException.class,
                () -> app.gateway().post(channel, Reply.text("first try")));
        String messageId = app.gateway().post(channel, Reply.text("Hello, reading group"));
        assertFalse(messageId.isBlank());
        assertEquals(
                "Hello, reading group",
                discord.awaitRequest(r -> r.succeeded() && r.path().equals("channels/" + channel + "/messages"), WAIT)
                        .json()
                        .getString("content"));

        String gone = discord.textChannelId();
        discord.deleteChannel(gone);
        var e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.paperclub.command.ChannelGateway.PostException.class,
                () -> app.gateway().post(gone, Reply.text("into the void")));
        assertTrue(e.getMessage().contains("UNKNOWN_CHANNEL"), e.getMessage());
    }

    @Test
    void everyRegisteredCommandHasAHandlerAndAnswers() {
        Set<String> answered = new HashSet<>();
        for (String key : app.commands().definitions().keys()) {
            if (key.contains(" ")) continue; // subcommands are covered by their own suites
            Recorded cb = slash(key, Map.of());
            assertTrue(cb.callbackType() == 4 || cb.callbackType() == 5, key);
            answered.add(key);
        }
        assertTrue(answered.containsAll(List.of("search", "paper", "help", "reading-list")));
    }
}
