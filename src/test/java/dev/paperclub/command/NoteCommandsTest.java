package dev.paperclub.command;

import static dev.paperclub.command.MemberCommandsTest.allText;
import static dev.paperclub.command.MemberCommandsTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.spy;

import dev.paperclub.App;
import dev.paperclub.TestApps;
import dev.paperclub.command.Reply.Button;
import dev.paperclub.command.Reply.Card;
import dev.paperclub.command.Reply.Field;
import dev.paperclub.command.member.NoteCommands;
import dev.paperclub.console.ConsoleRenderer;
import dev.paperclub.store.NoteStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /note}, {@code /notes}, their buttons and the notes on {@code /paper}, through the command layer on a real store. */
final class NoteCommandsTest {
    static final String PAPER = "1601.00001";
    static final Caller ALICE = new Caller("111", "alice", "g1", "c1", List.of(), false);
    static final Caller BOB = new Caller("222", "bob", "g1", "c1", List.of(), false);
    static final Caller MOD = new Caller("900", "mod", "g1", "c1", List.of(), true);
    static final Caller ALICE_ELSEWHERE = new Caller("111", "alice", "g2", "c9", List.of(), false);

    @TempDir
    Path dir;

    App app;

    @BeforeEach
    void open() throws Exception {
        app = App.open(TestApps.config(dir).with("commands.per-user-per-minute", "10000"), TestApps.CLOCK);
        TestApps.ingestAllSamples(app);
    }

    @AfterEach
    void close() {
        app.close();
    }

    private static Button deleteButton(Reply r, int number) {
        return r.buttons().stream()
                .filter(b -> b.label().equals("Delete " + number))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Delete " + number + " in " + r.buttons()));
    }

    @Test
    @DisplayName("a note is saved and echoed as written: markdown and mentions are marked as echoed text")
    void aNoteIsSavedAndEchoed() {
        String text = "@everyone see <@&42> — **bold** claim, eq. $x_i$";
        Reply r = run(app, ALICE, "note", "paper", PAPER, "text", text);
        assertFalse(r.ephemeral(), r.content());
        assertTrue(r.content().contains(Echo.of(text)), "the note is echoed as literal text: " + r.content());
        assertTrue(r.content().contains("1 note"), r.content());
        assertEquals(1, app.noteStore().count("g1", PAPER));
        assertEquals(0, app.noteStore().count("g2", PAPER), "notes belong to the server they were written in");
    }

    @Test
    @DisplayName("an over-long or empty note is refused with a clear message and nothing is saved")
    void capsAreEnforced() {
        Reply longNote = run(app, ALICE, "note", "paper", PAPER, "text", "x".repeat(1001));
        assertTrue(longNote.ephemeral());
        assertEquals("`text` is too long (at most 1000 characters).", longNote.content());
        Reply blank = run(app, ALICE, "note", "paper", PAPER, "text", "   ");
        assertTrue(blank.ephemeral());
        assertTrue(blank.content().contains("A note needs some text"), blank.content());
        assertEquals(0, app.noteStore().count("g1", PAPER));
        Reply full = run(app, ALICE, "note", "paper", PAPER, "text", "y".repeat(1000));
        assertFalse(full.ephemeral(), full.content());
        assertEquals(1, app.noteStore().count("g1", PAPER));
    }

    @Test
    @DisplayName("/notes lists newest first, pages past four, and no note is cut")
    void notesAreNewestFirstAndPaged() {
        for (int i = 1; i <= 6; i++) run(app, i % 2 == 0 ? BOB : ALICE, "note", "paper", PAPER, "text", "note " + i);
        Reply first = run(app, ALICE, "notes", "paper", PAPER);
        List<Card> cards = first.cards();
        assertEquals(4, cards.size(), allText(first));
        assertEquals(Echo.of("note 6"), cards.get(0).description(), allText(first));
        assertEquals(Echo.of("note 3"), cards.get(3).description());
        assertTrue(
                cards.get(0).title().startsWith("1. " + Echo.of("bob")),
                cards.get(0).title());
        assertTrue(first.content().contains("6 notes, newest first · page 1 of 2"), first.content());
        Button next = first.buttons().stream()
                .filter(b -> b.label().startsWith("Next"))
                .findFirst()
                .orElseThrow();
        Reply second = app.commands().press(next.id(), ALICE).reply();
        assertEquals(
                List.of(Echo.of("note 2"), Echo.of("note 1")),
                second.cards().stream().map(Card::description).toList());
        assertTrue(
                second.cards().get(0).title().startsWith("5. "),
                second.cards().get(0).title());
    }

    @Test
    @DisplayName("long notes full of markdown page by Discord's embed budget, each shown whole once escaped")
    void longNotesAreNeverCut() {
        String starred = "*_".repeat(500);
        for (int i = 0; i < 3; i++) run(app, ALICE, "note", "paper", PAPER, "text", starred);
        Reply first = run(app, ALICE, "notes", "paper", PAPER);
        assertEquals(2, first.cards().size(), "two doubled notes fit in 6,000 characters, three do not");
        assertTrue(first.content().contains("page 1 of 2"), first.content());
        var parts = dev.paperclub.discord.DiscordRenderer.parts(first);
        for (var embed : parts.embeds()) {
            assertEquals(2000, embed.getDescription().length(), "escaped whole: every * and _ behind a backslash");
        }
        Reply second = app.commands()
                .press(
                        first.buttons().stream()
                                .filter(b -> b.label().startsWith("Next"))
                                .findFirst()
                                .orElseThrow()
                                .id(),
                        ALICE)
                .reply();
        assertEquals(1, second.cards().size());
        assertTrue(second.content().contains("page 2 of 2"), second.content());
    }

    @Test
    @DisplayName("two presses of one Delete at once: the one whose delete finds the note already gone says so")
    void aDeleteThatLosesTheRaceSaysTheNoteIsGone() {
        run(app, ALICE, "note", "paper", PAPER, "text", "alice's note");
        String delete =
                deleteButton(run(app, ALICE, "notes", "paper", PAPER), 1).id();
        // the other press deletes the note between this press's look-up and its delete
        NoteStore racing = spy(app.noteStore());
        doAnswer(inv -> {
                    Object found = inv.callRealMethod();
                    app.noteStore().delete((Long) inv.getArgument(0));
                    return found;
                })
                .when(racing)
                .find(anyLong());
        ButtonHandler handler = NoteCommands.buttons(app.papers(), racing, c -> false, (c, a, t, r, d) -> {}).stream()
                .filter(h -> h.action() == ButtonAction.DELETE_NOTE)
                .findFirst()
                .orElseThrow();
        CommandException e = assertThrows(
                CommandException.class,
                () -> handler.press(ButtonId.parse(delete).orElseThrow(), ALICE));
        assertEquals("That note is already gone.", e.getMessage());
    }

    @Test
    @DisplayName("authors delete their own notes, moderators any; a forged press by someone else is refused")
    void deletionRights() {
        run(app, ALICE, "note", "paper", PAPER, "text", "alice's note");
        run(app, BOB, "note", "paper", PAPER, "text", "bob's note");
        // bob sees a Delete button only for his own note (number 1, the newest)
        Reply bobs = run(app, BOB, "notes", "paper", PAPER);
        assertEquals(
                List.of("Delete 1"), bobs.buttons().stream().map(Button::label).toList());
        // alice's button, pressed by bob (the message is public, or the id forged): refused, nothing deleted
        Reply alices = run(app, ALICE, "notes", "paper", PAPER);
        String aliceDelete = deleteButton(alices, 2).id();
        Reply forged = app.commands().press(aliceDelete, BOB).reply();
        assertTrue(forged.ephemeral());
        assertEquals("Only the note's author or a moderator can delete it.", forged.content());
        assertEquals(2, app.noteStore().count("g1", PAPER));
        // the same note from another server: it reads as gone there
        Reply elsewhere = app.commands().press(aliceDelete, ALICE_ELSEWHERE).reply();
        assertEquals("That note is already gone.", elsewhere.content());
        assertEquals(2, app.noteStore().count("g1", PAPER));
        // a moderator sees both buttons and may delete bob's note
        Reply mods = run(app, MOD, "notes", "paper", PAPER);
        assertEquals(
                List.of("Delete 1", "Delete 2"),
                mods.buttons().stream().map(Button::label).toList());
        Reply modDeleted = app.commands().press(deleteButton(mods, 1).id(), MOD).reply();
        assertTrue(modDeleted.content().contains("Deleted " + Echo.of("bob") + "'s note"), modDeleted.content());
        // on the record: who deleted whose note on which paper
        var entry = app.audit().recent("g1", 1).get(0);
        assertEquals("delete note", entry.action());
        assertEquals(MOD.userId(), entry.userId());
        assertEquals(PAPER, entry.target());
        assertTrue(entry.detail().startsWith("note by bob ("), entry.detail());
        // alice deletes her own
        Reply own = app.commands().press(aliceDelete, ALICE).reply();
        assertTrue(own.content().startsWith("🗑️ Deleted your note"), own.content());
        // deleting one's own note is not moderation: still the one entry
        assertEquals(
                1,
                app.audit().recent("g1", 50).stream()
                        .filter(e -> e.action().equals("delete note"))
                        .count());
        assertEquals(0, app.noteStore().count("g1", PAPER));
        assertEquals(
                "That note is already gone.",
                app.commands().press(aliceDelete, ALICE).reply().content());
        assertTrue(run(app, ALICE, "notes", "paper", PAPER).content().startsWith("No notes on"));
    }

    @Test
    @DisplayName("/paper shows how many notes the paper has here and the latest two")
    void paperShowsNotes() {
        Reply before = run(app, ALICE, "paper", "paper", PAPER);
        assertFalse(allText(before).contains("Notes ("), allText(before));
        run(app, ALICE, "note", "paper", PAPER, "text", "first");
        run(app, BOB, "note", "paper", PAPER, "text", "second");
        run(app, ALICE, "note", "paper", PAPER, "text", "third *starred*");
        Field notes = run(app, BOB, "paper", "paper", PAPER).cards().get(0).fields().stream()
                .filter(f -> f.name().startsWith("Notes"))
                .findFirst()
                .orElseThrow();
        assertEquals("Notes (3)", notes.name());
        assertTrue(
                notes.value().startsWith("• " + Echo.of("alice") + ": " + Echo.of("third *starred*")), notes.value());
        assertTrue(
                notes.value().contains(Echo.of("second")) && !notes.value().contains(Echo.of("first")), notes.value());
        assertTrue(notes.value().contains("`/notes` shows all of them"), notes.value());
        // the console shows the note as written
        String shown =
                ConsoleRenderer.render(run(app, BOB, "paper", "paper", PAPER)).text();
        assertTrue(shown.contains("alice: third *starred*"), shown);
    }

    @Test
    @DisplayName("a removed paper keeps its notes, which show again once it is restored")
    void removedPaperKeepsItsNotes() {
        run(app, ALICE, "note", "paper", PAPER, "text", "kept");
        run(app, MOD, "admin remove", "paper", PAPER);
        Reply gone = run(app, ALICE, "notes", "paper", PAPER);
        assertTrue(gone.ephemeral(), gone.content());
        assertTrue(gone.content().contains("removed"), gone.content());
        assertTrue(run(app, ALICE, "note", "paper", PAPER, "text", "more").ephemeral());
        NoteStore store = app.noteStore();
        assertEquals(1, store.count("g1", PAPER), "the note is kept, and no new one was added");
        run(app, MOD, "admin restore", "paper", PAPER);
        assertEquals(
                Echo.of("kept"),
                run(app, ALICE, "notes", "paper", PAPER).cards().get(0).description());
    }
}
