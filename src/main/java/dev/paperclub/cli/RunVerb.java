package dev.paperclub.cli;

import dev.paperclub.App;
import dev.paperclub.Serving;
import dev.paperclub.config.Config;
import dev.paperclub.discord.DiscordBot;
import dev.paperclub.metrics.HealthServer;
import dev.paperclub.util.NetworkErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code run}: the Discord bot, until SIGTERM or Ctrl-C. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = PaperClubVersion.class,
        description = {
            "Runs the Discord bot.",
            "The token comes from DISCORD_TOKEN or the file named by discord.token-file; it is never logged.",
            "Stops cleanly on SIGTERM/Ctrl-C (Discord, scheduler, index and store closed in order)."
        },
        footer = {
            "",
            "Example:",
            "  DISCORD_TOKEN=… java -jar target/paperclub.jar run",
            "To try PaperClub without Discord: java -jar target/paperclub.jar console"
        })
public final class RunVerb implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunVerb.class);

    @Mixin
    AppOptions app;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // the bot is a service: its progress belongs in the log (the CLI verbs stay quiet)
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.paperclub"))
                .setLevel(ch.qos.logback.classic.Level.INFO);
        Config config = app.config();
        String token = token(config);
        CountDownLatch stopped = new CountDownLatch(1);
        App a = App.open(config, Clock.systemUTC(), n -> log.info("Rebuilding the search index: {} papers", n));
        Serving serving = a.serving();
        // listening first: a taken health.port stops the start before the bot logs in, and /healthz
        // says "not connected" while it does
        AtomicReference<DiscordBot> running = new AtomicReference<>();
        Optional<HealthServer> health;
        try {
            health = serving.startHealth(gateway(running));
        } catch (HealthServer.StartFailure e) {
            a.close();
            throw new UserError(e.getMessage());
        }
        DiscordBot bot;
        try {
            var discord = a.configured().discord();
            bot = DiscordBot.start(
                    new DiscordBot.Settings(
                            token,
                            discord.apiUrl().toString(),
                            discord.gatewayUrl().toString(),
                            discord.guildIds(),
                            Duration.ofSeconds(60)),
                    serving.commands(),
                    serving.interactionThreads(),
                    serving.serverEvents());
        } catch (InvalidTokenException e) {
            health.ifPresent(HealthServer::close);
            a.close();
            throw new UserError("Discord refused the token (401). Check DISCORD_TOKEN or discord.token-file "
                    + "(Developer Portal → your application → Bot → Reset Token).");
        } catch (RuntimeException e) {
            health.ifPresent(HealthServer::close);
            a.close();
            throw new UserError(unreachable(e, config));
        }
        running.set(bot);
        serving.postThrough(bot);
        // the servers it stays in: those outside discord.allowed-guild-ids are being left
        int servers = (int) bot.jda().getGuildCache().stream()
                .filter(g -> serving.serverEvents().allowed(g.getId()))
                .count();
        governanceWarning(config, servers).ifPresent(w -> {
            log.warn(w);
            spec.commandLine().getErr().println("Warning: " + w);
        });
        // highlights and the HF feed run on their schedule once Discord can receive posts
        serving.startBackground(); // and the embedding worker: search is lexical until vectors land
        Thread hook = new Thread(
                () -> {
                    log.info("Shutting down");
                    // first: a model load cut short by the shutdown is not a broken model to warn about
                    serving.shuttingDown();
                    try {
                        health.ifPresent(HealthServer::close);
                        bot.close();
                    } finally {
                        a.close();
                        stopped.countDown();
                    }
                },
                "paperclub-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        log.info(
                "PaperClub is running with {} papers; press Ctrl-C to stop",
                a.library().count());
        spec.commandLine()
                .getErr()
                .println("PaperClub is connected to Discord and running ("
                        + a.library().count() + " papers). Ctrl-C or SIGTERM stops it.");
        spec.commandLine().getErr().flush();
        stopped.await();
        return 0;
    }

    /** The bot's connection for /healthz: connected only when JDA's gateway is (not while logging in or reconnecting). */
    private static HealthServer.Gateway gateway(AtomicReference<DiscordBot> running) {
        return new HealthServer.Gateway() {
            @Override
            public boolean connected() {
                DiscordBot bot = running.get();
                return bot != null && bot.jda().getStatus() == JDA.Status.CONNECTED;
            }

            @Override
            public String state() {
                DiscordBot bot = running.get();
                return bot == null
                        ? "logging in"
                        : bot.jda().getStatus().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            }
        };
    }

    /**
     * The library is shared by every server the bot is in: without home servers, any of their
     * moderators may rewrite it (DESIGN "One library, many servers").
     */
    static java.util.Optional<String> governanceWarning(Config config, int servers) {
        if (!config.homeGuildIds().isEmpty() || servers <= 1) return java.util.Optional.empty();
        return java.util.Optional.of(
                "The bot is in " + servers + " servers and discord.home-guild-ids is not set: moderators of any"
                        + " of them may add, remove and reindex the library all of them share. Set discord.home-guild-ids to your own"
                        + " server's id (and turn off \"Public Bot\" in the Developer Portal; see README).");
    }

    /** Why Discord could not be reached, in words, from the cause chain (JDA reports "-1: java.net.ConnectException"). */
    static String unreachable(Throwable e, Config config) {
        String where = " (discord.api-url " + config.require("discord.api-url") + ", discord.gateway-url "
                + config.require("discord.gateway-url") + "). Check the network and those two settings.";
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return NetworkErrors.describe(e)
                .map(why -> "Could not reach Discord: " + why + where)
                .orElse("Could not connect to Discord: " + m + where);
    }

    static String token(Config config) throws IOException {
        String env = System.getenv("DISCORD_TOKEN");
        if (env != null && !env.isBlank()) return env.strip();
        var file = config.get("discord.token-file");
        if (file.isPresent()) {
            Path p = Path.of(file.get());
            if (!Files.isReadable(p)) throw new UserError("discord.token-file " + p + " cannot be read.");
            String t = Files.readString(p, StandardCharsets.UTF_8).strip();
            if (t.isEmpty()) throw new UserError("discord.token-file " + p + " is empty.");
            return t;
        }
        throw new UserError("No Discord token: set DISCORD_TOKEN, or discord.token-file in the config. "
                + "To try PaperClub without Discord, run: java -jar target/paperclub.jar console");
    }
}
