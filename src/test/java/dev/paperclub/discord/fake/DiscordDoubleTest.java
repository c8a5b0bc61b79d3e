package dev.paperclub.discord.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.discord.fake.DiscordDouble.AttachmentOption;
import dev.paperclub.discord.fake.DiscordDouble.ChannelOption;
import dev.paperclub.discord.fake.DiscordDouble.RoleOption;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.ShutdownEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import net.dv8tion.jda.api.utils.data.DataArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The real JDA 6 client against {@link DiscordDouble}: login, command registration, every kind
 * of interaction the product answers, channel posts, and the faults the bot must survive.
 * Timeouts are generous because the build machine is small and shared; nothing sleeps to
 * synchronise — every wait is for a recorded request or a received event.
 */
final class DiscordDoubleTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private DiscordDouble discord;
    private JDA jda;

    @BeforeEach
    void startDouble() {
        discord = DiscordDouble.builder().addGuild("Second Lab").start();
    }

    @AfterEach
    void shutDown() throws InterruptedException {
        try {
            if (jda != null) {
                // graceful first: shutdownNow interrupts JDA's REST threads mid-response and they log
                // "Unable to acquire lock while thread is interrupted", which would drown real errors
                jda.shutdown();
                if (!jda.awaitShutdown(Duration.ofSeconds(10))) {
                    jda.shutdownNow();
                }
                if (!jda.awaitShutdown(Duration.ofSeconds(15))) {
                    // closing the double below releases whatever JDA still waits on; say what it was
                    List<Recorded> all = discord.requests();
                    System.err.println("JDA did not shut down within 15 s; status " + jda.getStatus()
                            + "; last requests: " + all.subList(Math.max(0, all.size() - 5), all.size()));
                }
            }
        } finally {
            discord.close();
        }
    }

    /** Builds JDA the way the product does, pointed at the double, and waits for READY. */
    private JDA login(Object... listeners) throws Exception {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        EventListener readiness = event -> {
            if (event instanceof ReadyEvent) {
                ready.complete(null);
            } else if (event instanceof ShutdownEvent) {
                ready.completeExceptionally(new IllegalStateException("JDA shut down during login"));
            }
        };
        String gateway = discord.gatewayUrl();
        jda = JDABuilder.createLight(discord.token(), EnumSet.noneOf(GatewayIntent.class))
                .setRestConfig(new RestConfig().setBaseUrl(discord.restBaseUrl()))
                .setSessionController(new SessionControllerAdapter() {
                    @Override
                    public String getGateway() {
                        return gateway;
                    }
                })
                .setCompression(Compression.NONE)
                .addEventListeners(readiness)
                .addEventListeners(listeners)
                .build();
        ready.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return jda;
    }

    private static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
        T value = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(value, "nothing arrived within " + WAIT);
        return value;
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    // ------------------------------------------------------------------ 1

    @Test
    @DisplayName("login: READY, guilds available with channels, roles and the bot's member")
    void login_makesGuildsAvailable() throws Exception {
        JDA bot = login();

        assertEquals(discord.botUserId(), bot.getSelfUser().getId());
        assertEquals(discord.applicationId(), bot.getSelfUser().getApplicationId());
        assertEquals(2, bot.getGuilds().size());
        Guild guild = bot.getGuildById(discord.guildId());
        assertNotNull(guild);
        assertFalse(guild.isDetached());
        assertEquals("PaperClub Lab", guild.getName());
        TextChannel general = guild.getTextChannelById(discord.textChannelId());
        assertNotNull(general);
        assertEquals("general", general.getName());
        assertNotNull(guild.getTextChannelById(discord.channelId(discord.guildId(), "papers")));
        Role moderator = guild.getRoleById(discord.roleId(discord.guildId(), "Moderator"));
        assertNotNull(moderator);
        assertTrue(moderator.hasPermission(Permission.MANAGE_SERVER));
        assertEquals(guild.getId(), guild.getPublicRole().getId());
        assertTrue(
                guild.getSelfMember().hasPermission(general, Permission.MESSAGE_SEND, Permission.MESSAGE_EMBED_LINKS));
        Recorded me = discord.awaitRequest(r -> r.path().equals("users/@me"), WAIT);
        assertEquals("Bot " + discord.token(), me.header("Authorization").orElseThrow());
        assertEquals(1, discord.gatewayIdentifies());
    }

    @Test
    void login_withWrongToken_failsWithInvalidToken() {
        assertThrows(InvalidTokenException.class, () -> JDABuilder.createLight(
                        "not-the-token", EnumSet.noneOf(GatewayIntent.class))
                .setRestConfig(new RestConfig().setBaseUrl(discord.restBaseUrl()))
                .build());
        Recorded me = discord.awaitRequest(r -> r.path().equals("users/@me"), WAIT);
        assertEquals(401, me.status());
        assertEquals(0, discord.gatewayIdentifies());
    }

    // ------------------------------------------------------------------ 2

    @Test
    void commandRegistration_globalAndGuild_areRecordedAsBulkOverwrites() throws Exception {
        JDA bot = login();

        List<Command> global = await(bot.updateCommands()
                .addCommands(
                        Commands.slash("search", "Search the papers")
                                .addOption(OptionType.STRING, "query", "Words to look for", true, true),
                        Commands.slash("admin", "Moderation")
                                .addSubcommands(new SubcommandData("remove", "Remove a paper")
                                        .addOption(OptionType.STRING, "paper", "Paper id", true))
                                .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_SERVER)))
                .submit());

        Recorded put = discord.awaitCommandRegistration(WAIT);
        assertEquals("applications/" + discord.applicationId() + "/commands", put.path());
        DataArray sent = put.jsonArray();
        assertEquals(2, sent.length());
        assertEquals("search", sent.getObject(0).getString("name"));
        assertTrue(sent.getObject(0).getArray("options").getObject(0).getBoolean("autocomplete"));
        assertEquals("32", sent.getObject(1).getString("default_member_permissions"));
        assertEquals(
                "remove", sent.getObject(1).getArray("options").getObject(0).getString("name"));
        assertEquals(
                List.of("search", "admin"),
                global.stream().map(Command::getName).toList());
        assertTrue(global.get(0).getIdLong() > 0);

        Guild guild = bot.getGuildById(discord.guildId());
        await(guild.updateCommands().addCommands(Commands.slash("ping", "Ping")).submit());
        Recorded guildPut = discord.awaitRequest(
                r -> r.method().equals("PUT")
                        && r.path()
                                .equals("applications/" + discord.applicationId() + "/guilds/" + guild.getId()
                                        + "/commands"),
                WAIT);
        assertEquals("ping", guildPut.jsonArray().getObject(0).getString("name"));
    }

    // ------------------------------------------------------------------ 3

    @Test
    void slashCommand_reachesListener_andEphemeralReplyIsCallbackType4() throws Exception {
        BlockingQueue<SlashCommandInteractionEvent> events = new LinkedBlockingQueue<>();
        BlockingQueue<CompletableFuture<InteractionHook>> replies = new LinkedBlockingQueue<>();
        login(new ListenerAdapter() {
            @Override
            public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
                // published after the reply is queued, so the test never shuts JDA down in between
                replies.add(event.reply("hi").setEphemeral(true).submit());
                events.add(event);
            }
        });
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("paper", "2401.01234");
        options.put("count", 3);
        options.put("confirm", true);

        String id = discord.sendSlashCommand("admin", "remove", options, discord.moderator("mod"));

        SlashCommandInteractionEvent event = next(events);
        assertEquals(id, event.getId());
        assertEquals("admin", event.getName());
        assertEquals("remove", event.getSubcommandName());
        assertEquals("2401.01234", event.getOption("paper").getAsString());
        assertEquals(3, event.getOption("count").getAsLong());
        assertTrue(event.getOption("confirm").getAsBoolean());
        assertEquals("mod", event.getUser().getName());
        assertTrue(event.getMember().hasPermission(Permission.MANAGE_SERVER));
        assertFalse(event.getMember().hasPermission(Permission.ADMINISTRATOR));
        Recorded callback = discord.awaitCallback(id, WAIT);
        assertEquals(4, callback.callbackType());
        assertEquals("hi", callback.data().getString("content"));
        assertEquals(64, callback.data().getInt("flags") & 64);
        assertTrue(callback.query().contains("with_response=true"));
        InteractionHook hook = await(next(replies));
        assertTrue(hook.hasCallbackResponse(), "JDA parsed the double's with_response body");
        assertEquals("hi", hook.getCallbackResponse().getMessage().getContentRaw());
        assertTrue(hook.getCallbackResponse().getMessage().isEphemeral());

        String plain = discord.sendSlashCommand("admin", "remove", Map.of("paper", "x"), discord.member("plain"));
        assertFalse(next(events).getMember().hasPermission(Permission.MANAGE_SERVER));
        discord.awaitCallback(plain, WAIT);
        String last = discord.sendSlashCommand("admin", "remove", Map.of("paper", "x"), discord.administrator("boss"));
        assertTrue(next(events).getMember().hasPermission(Permission.MANAGE_SERVER));
        discord.awaitCallback(last, WAIT);
    }

    @Test
    void slashCommand_channelRoleAndAttachmentOptions_resolve() throws Exception {
        BlockingQueue<SlashCommandInteractionEvent> events = new LinkedBlockingQueue<>();
        login(new ListenerAdapter() {
            @Override
            public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
                event.deferReply().queue();
                events.add(event);
            }
        });
        String papers = discord.channelId(discord.guildId(), "papers");
        String moderatorRole = discord.roleId(discord.guildId(), "Moderator");
        byte[] jsonl = "{\"id\":\"2401.01234\"}\n".getBytes(StandardCharsets.UTF_8);

        String id = discord.sendSlashCommand(
                "ingest",
                Map.of(
                        "file", new AttachmentOption("papers.jsonl", "application/json", jsonl),
                        "channel", new ChannelOption(papers),
                        "role", new RoleOption(moderatorRole)),
                discord.moderator("mod"));

        SlashCommandInteractionEvent event = next(events);
        assertEquals(papers, event.getOption("channel").getAsChannel().getId());
        assertEquals("Moderator", event.getOption("role").getAsRole().getName());
        Message.Attachment file = event.getOption("file").getAsAttachment();
        assertEquals("papers.jsonl", file.getFileName());
        try (InputStream in = await(file.getProxy().download())) {
            assertEquals("{\"id\":\"2401.01234\"}\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(5, discord.awaitCallback(id, WAIT).callbackType());
    }

    @Test
    void deferThenEditOriginal_isCallbackType5ThenPatchOriginal() throws Exception {
        BlockingQueue<CompletableFuture<Message>> edits = new LinkedBlockingQueue<>();
        login(new ListenerAdapter() {
            @Override
            public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
                event.deferReply().queue();
                // JDA holds hook requests until the deferral succeeded, so this may be queued at once
                edits.add(event.getHook().editOriginal("done").submit());
            }
        });

        String id = discord.sendSlashCommand("summarize", Map.of("paper", "2401.01234"), discord.member("m"));

        Message edited = await(next(edits));
        assertEquals("done", edited.getContentRaw());
        Recorded callback = discord.awaitCallback(id, WAIT);
        assertEquals(5, callback.callbackType());
        Recorded patch = discord.awaitRequest(
                r -> r.method().equals("PATCH")
                        && r.path().startsWith("webhooks/" + discord.applicationId() + "/")
                        && r.path().endsWith("/messages/@original"),
                WAIT);
        assertEquals("done", patch.json().getString("content"));
        assertTrue(discord.requests().indexOf(callback) < discord.requests().indexOf(patch));
    }

    @Test
    void followup_afterReply_postsToTheWebhook() throws Exception {
        BlockingQueue<CompletableFuture<Message>> followups = new LinkedBlockingQueue<>();
        login(new ListenerAdapter() {
            @Override
            public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
                event.reply("first").queue();
                followups.add(event.getHook()
                        .sendMessage("second")
                        .addEmbeds(new EmbedBuilder().setTitle("Paper").build())
                        .submit());
            }
        });

        discord.sendSlashCommand("paper", Map.of("id", "2401.01234"), discord.member("m"));

        Message followup = await(next(followups));
        assertEquals("second", followup.getContentRaw());
        assertEquals("Paper", followup.getEmbeds().get(0).getTitle());
        Recorded post = discord.awaitRequest(
                r -> r.method().equals("POST") && r.path().startsWith("webhooks/" + discord.applicationId() + "/"),
                WAIT);
        assertEquals("Paper", post.json().getArray("embeds").getObject(0).getString("title"));
    }

    // ------------------------------------------------------------------ 4

    @Test
    void autocomplete_repliesWithChoices_callbackType8() throws Exception {
        BlockingQueue<CommandAutoCompleteInteractionEvent> events = new LinkedBlockingQueue<>();
        login(new ListenerAdapter() {
            @Override
            public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
                event.replyChoices(
                                new Command.Choice("Attention Is All You Need", "1706.03762"),
                                new Command.Choice("BERT", "1810.04805"))
                        .queue();
                events.add(event);
            }
        });

        String id = discord.sendAutocomplete("search", "query", "atten", Map.of("limit", 5), discord.member("m"));

        CommandAutoCompleteInteractionEvent event = next(events);
        assertEquals("query", event.getFocusedOption().getName());
        assertEquals("atten", event.getFocusedOption().getValue());
        assertEquals(5, event.getOption("limit").getAsInt());
        Recorded callback = discord.awaitCallback(id, WAIT);
        assertEquals(8, callback.callbackType());
        DataArray choices = callback.data().getArray("choices");
        assertEquals(2, choices.length());
        assertEquals("1706.03762", choices.getObject(0).getString("value"));

        String sub = discord.sendAutocomplete("admin", "remove", "paper", "2401", Map.of(), discord.moderator("mod"));
        assertEquals("remove", next(events).getSubcommandName());
        assertEquals(8, discord.awaitCallback(sub, WAIT).callbackType());
    }

    // ------------------------------------------------------------------ 5

    @Test
    void button_onBotMessage_editMessageIsType7_andReplyIsType4() throws Exception {
        BlockingQueue<ButtonInteractionEvent> events = new LinkedBlockingQueue<>();
        JDA bot = login(new ListenerAdapter() {
            @Override
            public void onButtonInteraction(ButtonInteractionEvent event) {
                if (event.getComponentId().startsWith("vote:")) {
                    event.editMessage("voted").queue();
                } else {
                    event.reply("details").setEphemeral(true).queue();
                }
                events.add(event);
            }
        });
        TextChannel general = bot.getTextChannelById(discord.textChannelId());
        Message posted = await(general.sendMessage("Vote for the next paper")
                .addComponents(ActionRow.of(
                        Button.primary("vote:2401.01234", "Vote"), Button.secondary("info:2401.01234", "Details")))
                .submit());

        String press = discord.sendButton("vote:2401.01234", posted.getId(), discord.member("m"));

        ButtonInteractionEvent event = next(events);
        assertEquals("vote:2401.01234", event.getComponentId());
        assertEquals(posted.getId(), event.getMessage().getId());
        assertEquals("Vote for the next paper", event.getMessage().getContentRaw());
        Recorded update = discord.awaitCallback(press, WAIT);
        assertEquals(7, update.callbackType());
        assertEquals("voted", update.data().getString("content"));

        String info = discord.sendButton("info:2401.01234", posted.getId(), discord.member("m"));
        assertEquals("info:2401.01234", next(events).getComponentId());
        Recorded reply = discord.awaitCallback(info, WAIT);
        assertEquals(4, reply.callbackType());
        assertEquals("details", reply.data().getString("content"));

        // a button on a message the double never saw (e.g. posted before a restart) still arrives
        String unknown = discord.sendButton("vote:2401.09999", "123456789012345678", discord.member("m"));
        assertEquals("vote:2401.09999", next(events).getComponentId());
        assertEquals(7, discord.awaitCallback(unknown, WAIT).callbackType());
    }

    // ------------------------------------------------------------------ 6

    @Test
    void pings_areRecordedWhenAllowedMentionsLetContentMentionsThrough() throws Exception {
        JDA bot = login();
        TextChannel papers = bot.getTextChannelById(discord.channelId(discord.guildId(), "papers"));
        String role = discord.roleId(discord.guildId(), "Moderator");
        String text = "@everyone meet <@&" + role + "> and <@" + discord.botUserId() + ">";
        // explicit per request: JDA's default is a process-wide setting that the product changes
        await(papers.sendMessage(text)
                .setAllowedMentions(EnumSet.allOf(Message.MentionType.class))
                .submit());
        assertEquals(
                List.of(
                        "everyone in channels/" + papers.getId() + "/messages",
                        "role " + role + " in channels/" + papers.getId() + "/messages",
                        "user " + discord.botUserId() + " in channels/" + papers.getId() + "/messages"),
                discord.pings());
        await(papers.sendMessage(text)
                .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class))
                .submit());
        await(papers.sendMessageEmbeds(new EmbedBuilder().setDescription(text).build())
                .setAllowedMentions(EnumSet.allOf(Message.MentionType.class))
                .submit());
        assertEquals(3, discord.pings().size(), "no allowed mentions, or mentions only in an embed, ping nobody");
    }

    @Test
    void channelPosts_embedsAndThreads_andDeletedOrForbiddenChannelsFail() throws Exception {
        JDA bot = login();
        TextChannel papers = bot.getTextChannelById(discord.channelId(discord.guildId(), "papers"));
        TextChannel general = bot.getTextChannelById(discord.textChannelId());

        Message posted = await(papers.sendMessageEmbeds(new EmbedBuilder()
                        .setTitle("Today's highlights")
                        .setDescription("1. Attention")
                        .build())
                .submit());

        Recorded post = discord.awaitChannelMessage(papers.getId(), WAIT);
        assertEquals(
                "Today's highlights",
                post.json().getArray("embeds").getObject(0).getString("title"));
        assertEquals("Today's highlights", posted.getEmbeds().get(0).getTitle());
        ThreadChannel thread = await(posted.createThreadChannel("Discussion").submit());
        assertEquals("Discussion", thread.getName());
        assertEquals(papers.getId(), thread.getParentChannel().getId());
        discord.awaitRequest(
                r -> r.path().equals("channels/" + papers.getId() + "/messages/" + posted.getId() + "/threads"), WAIT);

        discord.deleteChannel(papers.getId());
        ExecutionException gone = assertThrows(
                ExecutionException.class, () -> await(papers.sendMessage("late").submit()));
        assertEquals(
                ErrorResponse.UNKNOWN_CHANNEL,
                assertInstanceOf(ErrorResponseException.class, gone.getCause()).getErrorResponse());

        discord.missingPermission(general.getId());
        ExecutionException forbidden = assertThrows(
                ExecutionException.class,
                () -> await(general.sendMessage("nope").submit()));
        assertEquals(
                ErrorResponse.MISSING_PERMISSIONS,
                assertInstanceOf(ErrorResponseException.class, forbidden.getCause())
                        .getErrorResponse());
    }

    // ------------------------------------------------------------------ 7

    @Test
    @DisplayName("a 500 on the callback is not retried by JDA: the reply fails once")
    void callback500_isNotRetried_andFailsTheReply() throws Exception {
        BlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();
        login(new ListenerAdapter() {
            @Override
            public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
                event.reply("hi").queue(ok -> {}, failures::add);
            }
        });
        discord.failNext("POST interactions/*/*/callback", 500, 1);

        String id = discord.sendSlashCommand("search", Map.of("query", "x"), discord.member("m"));

        Throwable failure = next(failures);
        ErrorResponseException error = assertInstanceOf(ErrorResponseException.class, failure);
        assertEquals(500, error.getResponse().code);
        System.out.println("JDA on a 500 callback: " + error.getErrorResponse() + " / " + error.getMessage());
        long attempts = discord.requests().stream()
                .filter(r -> r.path().startsWith("interactions/" + id + "/"))
                .count();
        assertEquals(1, attempts);
    }

    @Test
    @DisplayName("a 502 on the callback is retried by JDA after a short back-off and then succeeds")
    void callback502_isRetried() throws Exception {
        login(new ListenerAdapter() {
            @Override
            public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
                event.reply("hi").queue();
            }
        });
        discord.failNext("POST interactions/{id}/{token}/callback", 502, 1);

        String id = discord.sendSlashCommand("search", Map.of("query", "x"), discord.member("m"));

        Recorded success = discord.awaitCallback(id, WAIT);
        assertEquals(4, success.callbackType());
        List<Integer> statuses = discord.requests().stream()
                .filter(r -> r.path().startsWith("interactions/" + id + "/"))
                .map(Recorded::status)
                .toList();
        assertEquals(502, statuses.get(0));
        assertEquals(2, statuses.size());
    }

    @Test
    @DisplayName("a 429 with Retry-After on a channel post: JDA waits, retries, and the message arrives")
    void channelPost429_isRetriedAfterRetryAfter() throws Exception {
        JDA bot = login();
        TextChannel general = bot.getTextChannelById(discord.textChannelId());
        discord.rateLimitNext("POST channels/{id}/messages", Duration.ofSeconds(1));

        Message posted = await(general.sendMessage("after the limit").submit());

        assertEquals("after the limit", posted.getContentRaw());
        List<Recorded> posts = discord.requests().stream()
                .filter(r -> r.path().equals("channels/" + general.getId() + "/messages"))
                .toList();
        assertEquals(List.of(429, 200), posts.stream().map(Recorded::status).toList());
        Duration waited =
                Duration.between(posts.get(0).receivedAt(), posts.get(1).receivedAt());
        // JDA honours Retry-After (whole seconds); load only makes the gap longer
        assertTrue(waited.toMillis() >= 900, "retried after only " + waited);
        System.out.println("JDA retried a 429 (Retry-After: 1) after " + waited.toMillis() + " ms");
    }

    // ------------------------------------------------------------------ 8

    @Test
    void droppedGateway_isResumed_andInteractionsKeepArriving() throws Exception {
        BlockingQueue<SlashCommandInteractionEvent> events = new LinkedBlockingQueue<>();
        JDA bot = login(new ListenerAdapter() {
            @Override
            public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
                event.reply("ok").queue();
                events.add(event);
            }
        });

        discord.dropGatewayConnection();
        // sent while the socket may still be down: the double buffers it and replays it on RESUME
        String during = discord.sendSlashCommand("search", Map.of("query", "during"), discord.member("m"));
        discord.awaitGatewayLive(WAIT);
        String after = discord.sendSlashCommand("search", Map.of("query", "after"), discord.member("m"));

        List<String> seen = List.of(next(events).getId(), next(events).getId());
        assertEquals(List.of(during, after), seen);
        assertEquals(4, discord.awaitCallback(during, WAIT).callbackType());
        assertEquals(4, discord.awaitCallback(after, WAIT).callbackType());
        assertEquals(1, discord.gatewayIdentifies(), "JDA resumed rather than re-identified");
        assertEquals(1, discord.gatewayResumes());
        assertEquals(JDA.Status.CONNECTED, bot.getStatus());
    }

    @Test
    void invalidatedSession_makesJdaIdentifyAgain() throws Exception {
        BlockingQueue<SlashCommandInteractionEvent> events = new LinkedBlockingQueue<>();
        JDA bot = login(new ListenerAdapter() {
            @Override
            public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
                event.reply("ok").queue();
                events.add(event);
            }
        });

        discord.dropGatewaySession();
        discord.awaitGatewayLive(WAIT);
        String after = discord.sendSlashCommand("search", Map.of("query", "after"), discord.member("m"));

        assertEquals(after, next(events).getId());
        discord.awaitCallback(after, WAIT);
        assertEquals(2, discord.gatewayIdentifies());
        assertEquals(0, discord.gatewayResumes());
        assertNotNull(bot.getGuildById(discord.guildId()));
    }

    // ------------------------------------------------------------------ 9

    @Test
    @DisplayName("a burst of 200 slash commands: every one acknowledged within Discord's 3 s")
    void burstOf200_allAcknowledged() throws Exception {
        login(new ListenerAdapter() {
            @Override
            public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
                event.reply("ack " + event.getOption("n").getAsLong())
                        .setEphemeral(true)
                        .queue();
            }
        });
        // one warm-up round trip so class loading is not counted as latency
        discord.awaitCallback(discord.sendSlashCommand("search", Map.of("n", 0), discord.member("w")), WAIT);

        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            ids.add(discord.sendSlashCommand("search", Map.of("n", i), discord.member("m" + i)));
        }

        List<Long> latenciesMs = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            Recorded callback = discord.awaitCallback(ids.get(i), WAIT);
            assertEquals("ack " + (i + 1), callback.data().getString("content"));
            latenciesMs.add(discord.callbackLatencyNanos(ids.get(i)).orElseThrow() / 1_000_000);
        }
        Collections.sort(latenciesMs);
        long p50 = latenciesMs.get(latenciesMs.size() / 2);
        long p99 = latenciesMs.get((int) Math.ceil(latenciesMs.size() * 0.99) - 1);
        long max = latenciesMs.get(latenciesMs.size() - 1);
        System.out.printf(
                "burst of 200 slash commands: dispatch -> callback p50 %d ms, p99 %d ms, max %d ms%n", p50, p99, max);
        assertTrue(max < 3000, "an interaction waited " + max + " ms for its acknowledgement");
    }

    // ------------------------------------------------------------------ recording

    @Test
    void unknownRoute_is404AndRecorded() throws Exception {
        JDA bot = login();

        ExecutionException failure = assertThrows(
                ExecutionException.class,
                () -> await(bot.retrieveApplicationInfo().submit()));

        assertInstanceOf(ErrorResponseException.class, failure.getCause());
        Recorded unknown = discord.awaitRequest(r -> r.status() == 404, WAIT);
        assertEquals("GET", unknown.method());
        assertEquals("oauth2/applications/@me", unknown.path());
    }

    @Test
    @DisplayName("direct messages: the DM channel opens once, closed DMs answer 50007, a departed member is unknown")
    void directMessages_openSendRefuseAndMembership() throws Exception {
        JDA bot = login();
        DiscordDouble.Member alice = discord.member("alice");

        var channel = await(bot.openPrivateChannelById(alice.userId()).submit());
        assertEquals(discord.directMessageChannel(alice).orElseThrow(), channel.getId());
        Message sent = await(channel.sendMessage("hello").submit());
        assertEquals(List.of(sent.getId()), discord.directMessageIds(alice));
        Recorded open = discord.awaitRequest(r -> r.path().equals("users/@me/channels"), WAIT);
        assertEquals(alice.userId(), open.json().getString("recipient_id"));

        discord.closeDirectMessages(alice);
        ExecutionException refused = assertThrows(
                ExecutionException.class,
                () -> await(channel.sendMessage("again").submit()));
        ErrorResponseException error = assertInstanceOf(ErrorResponseException.class, refused.getCause());
        assertEquals(ErrorResponse.CANNOT_SEND_TO_USER, error.getErrorResponse());
        assertEquals(403, discord.awaitDirectMessage(alice, 403, WAIT).status());

        Guild guild = bot.getGuildById(discord.guildId());
        assertEquals(
                alice.userId(),
                await(guild.retrieveMemberById(alice.userId()).submit()).getId());
        discord.removeMember(alice);
        ExecutionException gone = assertThrows(
                ExecutionException.class,
                () -> await(guild.retrieveMemberById(alice.userId()).submit()));
        assertEquals(
                ErrorResponse.UNKNOWN_MEMBER,
                assertInstanceOf(ErrorResponseException.class, gone.getCause()).getErrorResponse());
    }
}
