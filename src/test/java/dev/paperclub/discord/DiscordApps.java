package dev.paperclub.discord;

import dev.paperclub.App;
import dev.paperclub.TestApps;
import dev.paperclub.config.Config;
import dev.paperclub.discord.fake.DiscordDouble;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The real bot wired as {@code run} wires it, pointed at a Discord double. */
final class DiscordApps {
    private DiscordApps() {}

    /** A data dir under {@code dir}, Discord at the double, and no rate limit in the way of a test's bursts. */
    static Config config(Path dir, DiscordDouble discord) {
        return TestApps.config(dir)
                .with("discord.api-url", discord.restBaseUrl())
                .with("discord.gateway-url", discord.gatewayUrl())
                .with("commands.per-user-per-minute", "10000");
    }

    /** Logs the bot in, registering per server when {@code guildIds} are given, and lets the app post through it. */
    static DiscordBot start(DiscordDouble discord, App app, List<String> guildIds) throws InterruptedException {
        DiscordBot bot = DiscordBot.start(
                new DiscordBot.Settings(
                        discord.token(), discord.restBaseUrl(), discord.gatewayUrl(), guildIds, Duration.ofSeconds(30)),
                app.commands(),
                app.interactionThreads(),
                app.serverEvents());
        app.gateway().attach(bot);
        return bot;
    }
}
