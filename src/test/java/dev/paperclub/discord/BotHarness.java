package dev.paperclub.discord;

import dev.paperclub.App;
import dev.paperclub.TestApps;
import dev.paperclub.config.Config;
import dev.paperclub.discord.fake.DiscordDouble;
import dev.paperclub.discord.fake.Recorded;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.utils.data.DataObject;

/** A real App and the real JDA bot logged in to a Discord double, with the usual ways to ask and read answers. */
final class BotHarness implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);

    final DiscordDouble discord;
    final App app;
    final DiscordBot bot;

    /** {@code settings} are config key/value pairs over the test defaults. */
    BotHarness(DiscordDouble discord, Path dataDir, Clock clock, String... settings) throws InterruptedException {
        this.discord = discord;
        Config config = TestApps.config(dataDir)
                .with("discord.api-url", discord.restBaseUrl())
                .with("discord.gateway-url", discord.gatewayUrl())
                .with("commands.per-user-per-minute", "10000");
        for (int i = 0; i < settings.length; i += 2) config = config.with(settings[i], settings[i + 1]);
        this.app = App.open(config, clock);
        DiscordBot started = null;
        try {
            started = DiscordBot.start(
                    new DiscordBot.Settings(
                            discord.token(),
                            discord.restBaseUrl(),
                            discord.gatewayUrl(),
                            List.of(),
                            Duration.ofSeconds(30)),
                    app.commands(),
                    app.interactionThreads(),
                    app.serverEvents());
        } finally {
            if (started == null) {
                app.close();
                discord.close();
            }
        }
        this.bot = started;
        app.gateway().attach(bot);
    }

    /** Runs {@code /admin sub} in a guild's general channel and waits for the callback. */
    Recorded admin(String guildId, String sub, Map<String, ?> options, DiscordDouble.Member who) {
        return discord.awaitCallback(
                discord.sendSlashCommandIn(guildId, discord.channelId(guildId, "general"), "admin", sub, options, who),
                WAIT);
    }

    Recorded command(String name, Map<String, ?> options, DiscordDouble.Member who) {
        return discord.awaitCallback(discord.sendSlashCommand(name, options, who), WAIT);
    }

    /** The final answer to a deferred or direct command: the callback's data, or the edit of @original. */
    DataObject answer(Recorded callback) {
        if (callback.callbackType() == 4) return callback.data();
        String token = callback.segments().get(2);
        return discord.awaitRequest(
                        r -> r.succeeded()
                                && r.method().equals("PATCH")
                                && r.path().contains(token)
                                && r.path().endsWith("messages/@original")
                                && !r.json().getString("content", "").startsWith("⏳"),
                        WAIT)
                .json();
    }

    static boolean ephemeral(Recorded callback) {
        return (callback.data().getInt("flags", 0) & 64) != 0;
    }

    @Override
    public void close() {
        bot.close();
        app.close();
        discord.close();
    }
}
