package dev.paperclub.console;

import dev.paperclub.command.ButtonHandler;
import dev.paperclub.command.Caller;
import dev.paperclub.command.CommandException;
import dev.paperclub.command.CommandRequest;
import dev.paperclub.command.CommandService;
import dev.paperclub.command.Options;
import dev.paperclub.command.Reply;
import java.io.PrintWriter;
import java.util.List;

/**
 * One console user's conversation with the command layer: parses a line, runs it through
 * the same {@link CommandService} Discord uses, renders the reply, and remembers the last
 * reply's buttons so {@code press N} can press them.
 */
public final class ConsoleSession {
    private final CommandService commands;
    private final ConsoleParser parser;
    private final Caller caller;
    private final PrintWriter out;
    /** Added to a moderator refusal: how to become a moderator here, which Discord's wording cannot say. */
    private final String moderatorHint;

    private List<Reply.Button> buttons = List.of();

    public ConsoleSession(CommandService commands, Caller caller, PrintWriter out) {
        this(commands, caller, out, "");
    }

    public ConsoleSession(CommandService commands, Caller caller, PrintWriter out, String moderatorHint) {
        this.commands = commands;
        this.parser = new ConsoleParser(commands.definitions());
        this.caller = caller;
        this.out = out;
        this.moderatorHint = moderatorHint;
    }

    /** Handles one line; returns false when the user asked to quit. */
    public boolean handle(String raw) {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#")) return true;
        if (line.equals("quit") || line.equals("exit") || line.equals("/quit") || line.equals("/exit")) return false;
        if (line.equals("help") || line.equals("?")) line = "/help";
        try {
            if (line.startsWith("press ") || line.matches("!\\d+")) {
                press(
                        line.startsWith("!")
                                ? line.substring(1)
                                : line.substring(6).strip());
            } else {
                ConsoleParser.Parsed p = parser.parse(line);
                CommandRequest request = new CommandRequest(p.name(), p.subcommand(), new Options(p.options()), caller);
                Reply reply = commands.handleLocally(request);
                if (!moderatorHint.isEmpty() && commands.refusesModerator(request)) {
                    reply = new Reply(
                            reply.content() + " " + moderatorHint,
                            reply.cards(),
                            reply.rows(),
                            reply.ephemeral(),
                            reply.posts(),
                            reply.files());
                }
                show(reply);
            }
        } catch (CommandException e) {
            show(Reply.ephemeral(e.getMessage()));
        }
        out.flush();
        return true;
    }

    private void press(String number) {
        int n;
        try {
            n = Integer.parseInt(number);
        } catch (NumberFormatException e) {
            throw new CommandException("Press a button by its number, e.g. `press 1`.");
        }
        if (n < 1 || n > buttons.size()) {
            throw new CommandException(
                    buttons.isEmpty()
                            ? "There are no buttons to press."
                            : "Press a number from 1 to " + buttons.size() + ".");
        }
        ButtonHandler.ButtonReply r = commands.pressLocally(buttons.get(n - 1).id(), caller);
        show(r.reply());
    }

    private void show(Reply reply) {
        ConsoleRenderer.Rendered r = ConsoleRenderer.render(reply);
        if (!r.buttons().isEmpty() || !reply.ephemeral()) buttons = r.buttons();
        out.println(r.text());
        out.println();
    }
}
