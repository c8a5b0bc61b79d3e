package dev.paperclub.cli;

import dev.paperclub.App;
import dev.paperclub.Serving;
import dev.paperclub.command.Caller;
import dev.paperclub.command.ChannelGateway;
import dev.paperclub.command.Reply;
import dev.paperclub.console.ConsoleRenderer;
import dev.paperclub.console.ConsoleSession;
import dev.paperclub.feed.FeedScheduler;
import dev.paperclub.highlight.HighlightScheduler;
import dev.paperclub.ingest.IngestException;
import dev.paperclub.ingest.SampleCorpus;
import dev.paperclub.metrics.HealthServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code console}: the slash commands at a local prompt, through the same handlers as Discord. */
@Command(
        name = "console",
        mixinStandardHelpOptions = true,
        versionProvider = PaperClubVersion.class,
        description = {
            "The bot's commands at a local prompt, answered by the same handlers as in Discord.",
            "Type /search query:linear attention limit:3, /paper paper:Sessa: Selective State Space Attention, /help;",
            "press N presses a button of the last reply; quit leaves. Reads piped stdin too (one command per line).",
            "On an empty data dir it first loads the bundled sample corpus."
        },
        footer = {
            "",
            "Examples:",
            "  java -jar target/paperclub.jar console",
            "  echo '/search query:state space models' | java -jar target/paperclub.jar console",
            "  java -jar target/paperclub.jar console --user alice --moderator"
        })
public final class ConsoleVerb implements Callable<Integer> {
    @Mixin
    AppOptions app;

    @Spec
    CommandSpec spec;

    @Option(names = "--user", defaultValue = "console-user", description = "Who you are (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--moderator", description = "Act as a moderator (Manage Server) for /admin commands.")
    boolean moderator;

    @Option(names = "--no-samples", description = "Do not load the bundled sample corpus into an empty data dir.")
    boolean noSamples;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (App a = app.openOrCreateApp()) { // an empty data dir gets the sample corpus
            if (!noSamples && a.library().count() == 0 && a.library().removedCount() == 0) {
                try {
                    int n = SampleCorpus.load(a.ingestion().service());
                    err.println("The library was empty, so I loaded the bundled sample corpus: " + n
                            + " papers from HF Daily Papers pages, the HF API and arXiv. Add your own here with"
                            + " `/admin ingest file:PATH`" + (moderator ? "" : " (start the console with --moderator)")
                            + ", or with `" + Launcher.command("ingest FILE" + app.dataDirArgument())
                            + "` from a shell (this console stores what it hands over).");
                    err.flush();
                } catch (IngestException e) {
                    err.println(UserError.PREFIX + "could not load the bundled samples: " + e.getMessage());
                }
            }
            String userId = user.replaceAll("[^A-Za-z0-9_.-]", "_");
            Caller caller = new Caller(userId, user, "console", "console", List.of(), moderator);
            Serving serving = a.serving();
            ConsoleSession session = new ConsoleSession(
                    serving.commands(),
                    caller,
                    out,
                    "At this console, start it with --moderator to act as a moderator.");
            serving.postThrough(new PrintingGateway(out));
            // the schedulers post through the printing gateway, so a console shows highlights as they would appear
            serving.startBackground(FeedScheduler.TICK, HighlightScheduler.TICK); // and the embedding worker
            Optional<HealthServer> health;
            try {
                health = serving.startHealth(HealthServer.Gateway.NONE); // no gateway: the store decides
            } catch (HealthServer.StartFailure e) {
                throw new UserError(e.getMessage());
            }
            try {
                if (System.console() != null && System.getenv("PAPERCLUB_CONSOLE_PLAIN") == null) {
                    interactive(a, session, out);
                } else {
                    piped(session);
                }
            } finally {
                health.ifPresent(HealthServer::close);
            }
        }
        return 0;
    }

    private void interactive(App a, ConsoleSession session, PrintWriter out) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            // Tab completes command names, as Discord's command picker does
            java.util.Set<String> names = new java.util.TreeSet<>();
            for (String key : a.serving().commands().definitions().keys()) names.add("/" + key.split(" ")[0]);
            names.addAll(java.util.List.of("press", "quit"));
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("paperclub")
                    .completer(new org.jline.reader.impl.completer.StringsCompleter(names))
                    .variable(LineReader.HISTORY_FILE, a.config().dataDir().resolve(".console_history"))
                    .build();
            out.println("PaperClub console — " + a.library().count() + " papers. Type /help for commands, "
                    + "press N for a button, quit to leave." + (moderator ? " You are a moderator." : ""));
            out.flush();
            while (true) {
                String line;
                try {
                    line = reader.readLine("paperclub> ");
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                if (!session.handle(line)) break;
            }
        }
    }

    private static void piped(ConsoleSession session) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (!session.handle(line)) break;
        }
    }

    /**
     * Posts outside a reply (highlights, pick announcements) and direct messages (watches' matches)
     * printed where the console user sees them.
     */
    static final class PrintingGateway implements ChannelGateway {
        private final PrintWriter out;
        private final AtomicLong ids = new AtomicLong();

        PrintingGateway(PrintWriter out) {
            this.out = out;
        }

        @Override
        public String post(String channelId, Reply message) {
            String id = "console-" + ids.incrementAndGet();
            print(ConsoleRenderer.posted(channelId, message));
            return id;
        }

        /** The console has no one else to message: it shows what the member would receive. */
        @Override
        public String directMessage(String userId, String userName, Reply message) {
            String id = "console-" + ids.incrementAndGet();
            print(ConsoleRenderer.directMessage(userName, message));
            return id;
        }

        private void print(String text) {
            synchronized (out) {
                out.println(text);
                out.flush();
            }
        }

        @Override
        public void openThread(String channelId, String messageId, String name) {
            synchronized (out) {
                out.println("→ opened thread “" + name + "” in #" + channelId);
                out.flush();
            }
        }
    }
}
