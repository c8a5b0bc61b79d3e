package dev.paperclub.command.admin;

import dev.paperclub.command.CommandException;
import dev.paperclub.command.CommandRequest;
import dev.paperclub.command.Reply;
import dev.paperclub.session.SessionService;
import dev.paperclub.store.PaperStore;
import dev.paperclub.store.SessionStore.Session;

/**
 * {@code /admin session}: changes the time, presenter or place of the server's upcoming session
 * (and its Discord event), cancels it, or, without options, shows it.
 */
final class SessionAdminCommand implements AdminCommand {
    private final SessionService sessions;
    private final PaperStore papers;

    SessionAdminCommand(SessionService sessions, PaperStore papers) {
        this.sessions = sessions;
        this.papers = papers;
    }

    @Override
    public String key() {
        return "admin session";
    }

    @Override
    public Reply handle(CommandRequest r) {
        String guild = AdminCommand.guild(r.caller());
        boolean cancel = r.options().bool("cancel").orElse(false);
        // the options are checked before anything is looked up or changed
        SessionService.Details details = sessions.details(
                guild,
                r.options().string("when"),
                r.options().string("presenter"),
                r.options().string("where"));
        Session s = sessions.upcoming(guild)
                .orElseThrow(() -> new CommandException(
                        "There is no upcoming session here. `/admin pick` opens one for the next read."));
        String title =
                papers.findAnyPaper(s.paperId()).map(CorpusCommands::title).orElse("`" + s.paperId() + "`");
        boolean changes = details.when().isPresent()
                || details.presenter().isPresent()
                || details.place().isPresent();
        if (cancel) {
            if (changes) throw new CommandException("Give `cancel` alone, or the changes without `cancel`.");
            String note = sessions.cancel(s);
            return Reply.text("Canceled the session on " + title + " (" + sessions.describe(s) + ")."
                    + (note.isEmpty() ? "" : " " + note));
        }
        if (!changes) {
            return Reply.ephemeral("Upcoming session: " + title + " — " + sessions.describe(s)
                    + ". Change it with `when`, `presenter` or `where`, or `cancel:true`.");
        }
        SessionService.Opened edited = sessions.edit(s, details);
        return Reply.text("Session on " + title + " is now: " + sessions.describe(edited.session()) + "."
                + (edited.eventNote().isEmpty() ? "" : " " + edited.eventNote()));
    }
}
