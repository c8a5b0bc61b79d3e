package dev.paperclub.command.member;

import dev.paperclub.command.CommandDefinitions;
import dev.paperclub.command.CommandHandler;
import dev.paperclub.command.CommandRequest;
import dev.paperclub.command.Reply;
import dev.paperclub.command.Reply.Card;
import dev.paperclub.command.Reply.Field;
import java.util.ArrayList;
import java.util.List;

/** {@code /help}: every command with its description and options, from the same definitions Discord gets. */
public final class HelpCommand implements CommandHandler {
    private final CommandDefinitions definitions;

    public HelpCommand(CommandDefinitions definitions) {
        this.definitions = definitions;
    }

    @Override
    public String key() {
        return "help";
    }

    @Override
    public boolean privateAnswer() {
        return true; // a guide for the asker, not the channel
    }

    @Override
    public Reply handle(CommandRequest r) {
        List<Field> member = new ArrayList<>();
        List<Field> admin = new ArrayList<>();
        for (String key : definitions.keys()) {
            CommandDefinitions.CommandDef d = definitions.get(key).orElseThrow();
            String opts = d.options().isEmpty()
                    ? ""
                    : " "
                            + String.join(
                                    " ",
                                    d.options().stream()
                                            .map(o -> o.required() ? o.name() + ":…" : "[" + o.name() + ":…]")
                                            .toList());
            Field f = new Field("/" + key + opts, d.description(), false);
            (key.startsWith("admin ") ? admin : member).add(f);
        }
        Reply.Builder b = Reply.builder()
                .ephemeral(true)
                .card(new Card(
                        "PaperClub — the reading group's library",
                        null,
                        "Search the team's papers, read extracted summaries, vote on what to read next.",
                        member,
                        "Paper options autocomplete: start typing a title and pick."));
        if (!admin.isEmpty()) {
            b.card(new Card("Moderators (Manage Server or the moderator role)", null, null, admin, null));
        }
        return b.build();
    }
}
