package dev.paperclub.command.member;

import static dev.paperclub.command.PaperCards.plural;

import dev.paperclub.command.AuditSink;
import dev.paperclub.command.ButtonAction;
import dev.paperclub.command.ButtonHandler;
import dev.paperclub.command.ButtonId;
import dev.paperclub.command.Caller;
import dev.paperclub.command.CommandException;
import dev.paperclub.command.CommandHandler;
import dev.paperclub.command.CommandRequest;
import dev.paperclub.command.Echo;
import dev.paperclub.command.PaperCards;
import dev.paperclub.command.PaperResolver;
import dev.paperclub.command.Reply;
import dev.paperclub.command.Reply.Button;
import dev.paperclub.command.Reply.Card;
import dev.paperclub.command.Reply.Field;
import dev.paperclub.paper.Paper;
import dev.paperclub.store.NoteStore;
import dev.paperclub.store.NoteStore.Note;
import dev.paperclub.store.PaperStore;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code /note}, {@code /notes}, their paging and Delete buttons, and the notes field of
 * {@code /paper}. Notes are members' words: always echoed (escaped, never read as markdown or
 * mentions). A Delete button is shown to whoever may use it, and every press checks again — the
 * presser is the note's author or a moderator, in the note's own server — since a button id can
 * be pressed by anyone who sees the message, or forged.
 */
public final class NoteCommands {
    /** Notes on one page of {@code /notes} at most. */
    static final int PAGE = 4;
    /**
     * What the notes of one page may take, counted as each note's length twice (escaping its
     * markdown can double it) plus {@value #NOTE_OVERHEAD} for its heading: under Discord's 6,000
     * characters of embeds per message, so no note is ever cut. A page holds at least one note
     * (a note is at most 1,000 characters).
     */
    static final int PAGE_BUDGET = 5_600;
    /** A note's heading ("12. name · 2026-11-25 10:00Z") at its longest. */
    static final int NOTE_OVERHEAD = 100;
    /** An author's name in a heading, cut to keep the heading within {@value #NOTE_OVERHEAD}. */
    static final int AUTHOR_CHARS = 32;
    /** Latest notes shown on {@code /paper}. */
    static final int LATEST = 2;
    /**
     * How much of each latest note {@code /paper} shows (the whole note is in {@code /notes}): two
     * of them, escaped, stay within the 1,024 characters of one embed field.
     */
    static final int LATEST_CHARS = 200;

    private static final DateTimeFormatter AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private NoteCommands() {}

    public static List<CommandHandler> handlers(
            PaperResolver resolver, NoteStore notes, Predicate<Caller> moderators, Clock clock) {
        return List.of(new AddNote(resolver, notes, clock), new ListNotes(resolver, notes, moderators));
    }

    /** @param audit where a moderator's deletion of another member's note is recorded */
    public static List<ButtonHandler> buttons(
            PaperStore papers, NoteStore notes, Predicate<Caller> moderators, AuditSink audit) {
        return List.of(new NotesPage(papers, notes, moderators), new DeleteNote(papers, notes, moderators, audit));
    }

    /**
     * The field {@code /paper} shows: how many notes the paper has here and the latest ones (each
     * cut to {@value #LATEST_CHARS} characters); empty when it has none.
     */
    public static Optional<Field> paperField(NoteStore notes, String guildId, String paperId) {
        if (guildId == null) return Optional.empty();
        int count = notes.count(guildId, paperId);
        if (count == 0) return Optional.empty();
        StringBuilder b = new StringBuilder();
        for (Note n : notes.list(guildId, paperId, 0, LATEST)) {
            b.append("• ")
                    .append(Echo.of(n.author()))
                    .append(": ")
                    .append(Echo.of(PaperCards.cut(n.text(), LATEST_CHARS)))
                    .append('\n');
        }
        String more = count > LATEST ? "`/notes` shows all of them." : "";
        return Optional.of(new Field("Notes (" + count + ")", (b + more).strip(), false));
    }

    private static String requireGuild(Caller c) {
        if (c.guildId() == null) throw new CommandException("Notes belong to a server: use this inside a server.");
        return c.guildId();
    }

    /** Whether {@code caller} may delete {@code note}: its author, or a moderator of its server. */
    private static boolean mayDelete(Note note, Caller caller, Predicate<Caller> moderators) {
        if (!note.guildId().equals(caller.guildId())) return false;
        return note.userId().equals(caller.userId()) || moderators.test(caller);
    }

    /**
     * Where each page of notes starts, newest first: notes are added to a page while it has fewer
     * than {@value #PAGE} and their cost fits {@value #PAGE_BUDGET}. Drawn again on every page, so
     * a page always matches the notes as they are now.
     */
    static List<Integer> pageStarts(List<Integer> lengths) {
        List<Integer> starts = new ArrayList<>();
        int i = 0;
        while (i < lengths.size()) {
            starts.add(i);
            int budget = PAGE_BUDGET;
            int size = 0;
            while (i < lengths.size() && size < PAGE) {
                int cost = 2 * lengths.get(i) + NOTE_OVERHEAD;
                if (size > 0 && cost > budget) break;
                budget -= cost;
                size++;
                i++;
            }
        }
        return starts;
    }

    /** A page of a paper's notes (a card each), with Delete buttons for the notes {@code caller} may delete, and paging. */
    static Reply page(Paper p, Caller caller, int page, NoteStore notes, Predicate<Caller> moderators) {
        String guild = requireGuild(caller);
        List<Integer> lengths = notes.lengths(guild, p.id());
        if (lengths.isEmpty()) {
            return Reply.text(
                    "No notes on " + PaperCards.boldTitle(p) + " in this server yet. Write one with `/note`.");
        }
        List<Integer> starts = pageStarts(lengths);
        int pages = starts.size();
        int shown = Math.min(Math.max(page, 1), pages);
        int from = starts.get(shown - 1);
        int to = shown < pages ? starts.get(shown) : lengths.size();
        Reply.Builder reply = Reply.builder();
        List<Button> deletes = new ArrayList<>();
        int number = from;
        for (Note n : notes.list(guild, p.id(), from, to - from)) {
            number++;
            reply.card(new Card(
                    number + ". " + Echo.of(PaperCards.cut(n.author(), AUTHOR_CHARS)) + " · " + AT.format(n.created()),
                    null,
                    Echo.of(n.text()),
                    List.of(),
                    null));
            if (mayDelete(n, caller, moderators)) {
                deletes.add(new Button(
                        ButtonId.of(ButtonAction.DELETE_NOTE, n.id()).encode(),
                        "Delete " + number,
                        Button.Style.DANGER));
            }
        }
        List<Button> paging = new ArrayList<>();
        ButtonId previous = ButtonId.of(ButtonAction.NOTES_PAGE, p.id(), shown - 1);
        ButtonId next = ButtonId.of(ButtonAction.NOTES_PAGE, p.id(), shown + 1);
        if (shown > 1 && previous.fits())
            paging.add(new Button(previous.encode(), "◀ Previous", Button.Style.SECONDARY));
        if (shown < pages && next.fits()) paging.add(new Button(next.encode(), "Next ▶", Button.Style.SECONDARY));
        return reply.content("📝 Notes on " + PaperCards.boldTitle(p) + ": " + plural(lengths.size(), "note")
                        + ", newest first" + (pages > 1 ? " · page " + shown + " of " + pages : "")
                        + (deletes.isEmpty() ? "" : " · you may delete the ones with a button"))
                .row(deletes)
                .row(paging)
                .build();
    }

    /** {@code /note}. */
    static final class AddNote implements CommandHandler {
        private final PaperResolver resolver;
        private final NoteStore notes;
        private final Clock clock;

        AddNote(PaperResolver resolver, NoteStore notes, Clock clock) {
            this.resolver = resolver;
            this.notes = notes;
            this.clock = clock;
        }

        @Override
        public String key() {
            return "note";
        }

        @Override
        public Reply handle(CommandRequest r) {
            String guild = requireGuild(r.caller());
            // the length cap is note.json's max_length, which the command layer enforces for every adapter
            String text = r.options()
                    .string("text")
                    .orElseThrow(() -> new CommandException(
                            "A note needs some text: `/note paper:… text:…` (up to 1,000 characters)."));
            Paper p = resolver.resolveForChange(r.options().requireString("paper"));
            notes.add(guild, p.id(), r.caller().userId(), r.caller().displayName(), text, clock.instant());
            int count = notes.count(guild, p.id());
            return Reply.text("📝 " + Echo.of(r.caller().displayName()) + " noted on " + PaperCards.boldTitle(p) + ": "
                    + Echo.of(text) + "\n(" + plural(count, "note") + " on it here; `/notes` lists them.)");
        }
    }

    /** {@code /notes}. */
    static final class ListNotes implements CommandHandler {
        private final PaperResolver resolver;
        private final NoteStore notes;
        private final Predicate<Caller> moderators;

        ListNotes(PaperResolver resolver, NoteStore notes, Predicate<Caller> moderators) {
            this.resolver = resolver;
            this.notes = notes;
            this.moderators = moderators;
        }

        @Override
        public String key() {
            return "notes";
        }

        @Override
        public Reply handle(CommandRequest r) {
            requireGuild(r.caller());
            Paper p = resolver.resolve(r.options().requireString("paper"));
            return page(p, r.caller(), 1, notes, moderators);
        }
    }

    /** The paging buttons of {@code /notes}: the page is drawn again, for the presser. */
    static final class NotesPage implements ButtonHandler {
        private final PaperStore papers;
        private final NoteStore notes;
        private final Predicate<Caller> moderators;

        NotesPage(PaperStore papers, NoteStore notes, Predicate<Caller> moderators) {
            this.papers = papers;
            this.notes = notes;
            this.moderators = moderators;
        }

        @Override
        public ButtonAction action() {
            return ButtonAction.NOTES_PAGE;
        }

        @Override
        public ButtonReply press(ButtonId id, Caller caller) {
            Paper p = papers.find(id.arg(0))
                    .orElseThrow(() ->
                            new CommandException("That paper is no longer in the library (it may have been removed)."));
            return ButtonReply.update(page(p, caller, id.intArg(1, 1, 100_000), notes, moderators));
        }
    }

    /** The Delete buttons: the press is checked again, whatever the button says. */
    static final class DeleteNote implements ButtonHandler {
        private final PaperStore papers;
        private final NoteStore notes;
        private final Predicate<Caller> moderators;
        private final AuditSink audit;

        DeleteNote(PaperStore papers, NoteStore notes, Predicate<Caller> moderators, AuditSink audit) {
            this.papers = papers;
            this.notes = notes;
            this.moderators = moderators;
            this.audit = audit;
        }

        @Override
        public ButtonAction action() {
            return ButtonAction.DELETE_NOTE;
        }

        @Override
        public ButtonReply press(ButtonId id, Caller caller) {
            long noteId;
            try {
                noteId = Long.parseLong(id.arg(0));
            } catch (NumberFormatException e) {
                throw new CommandException("This button is damaged or out of date; run the command again.");
            }
            // a note of another server reads as gone: its existence is not this server's business
            Note note = notes.find(noteId)
                    .filter(n -> n.guildId().equals(caller.guildId()))
                    .orElseThrow(() -> new CommandException("That note is already gone."));
            if (!mayDelete(note, caller, moderators)) {
                throw new CommandException("Only the note's author or a moderator can delete it.");
            }
            // another press (or another deleter) may have removed it since the look-up: nothing was deleted here
            if (!notes.delete(noteId)) throw new CommandException("That note is already gone.");
            String on = papers.findAnyPaper(note.paperId())
                    .map(PaperCards::boldTitle)
                    .orElse("its paper");
            boolean own = note.userId().equals(caller.userId());
            // moderation: a moderator removing another member's words is on the record, as every moderator action is
            if (!own)
                audit.record(
                        caller,
                        "delete note",
                        note.paperId(),
                        "ok",
                        "note by " + note.author() + " (" + note.userId() + "): " + PaperCards.cut(note.text(), 200));
            String whose = own ? "your note" : Echo.of(note.author()) + "'s note";
            return ButtonReply.message(Reply.ephemeral("🗑️ Deleted " + whose + " on " + on + "."));
        }
    }
}
