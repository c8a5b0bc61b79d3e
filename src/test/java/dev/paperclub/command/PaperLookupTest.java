package dev.paperclub.command;

import static dev.paperclub.command.MemberCommandsTest.allText;
import static dev.paperclub.command.MemberCommandsTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.App;
import dev.paperclub.TestApps;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a {@code paper} option names, on the bundled corpus: several titles that match equally
 * well are offered and never picked, a misspelt title is found, and a removed paper is named as
 * removed and can be restored by the same words.
 */
final class PaperLookupTest {
    @TempDir
    Path dir;

    static final Caller MEMBER = new Caller("100", "member", "g1", "c1", List.of(), false);
    static final Caller MOD = new Caller("900", "mod", "g1", "c1", List.of(), true);

    /** The six titles of the bundled corpus that start with "Attention". */
    static final List<String> ATTENTION = List.of(
            "Attention-based Contextual Language Model Adaptation",
            "Attention Entropy is a Key Factor",
            "Attention Sinks in Diffusion Language Models",
            "Attention Satisfies: A Constraint-Satisfaction Lens",
            "Attention-driven GUI Grounding",
            "Attention Lens: A Tool for Mechanistically Interpreting");

    private App open() throws Exception {
        App app = App.open(
                TestApps.config(dir.resolve("data")).with("commands.per-user-per-minute", "10000"), TestApps.CLOCK);
        TestApps.ingestAllSamples(app);
        return app;
    }

    @Test
    @DisplayName(
            "a title matched equally well by several papers is offered as 'did you mean' by every command, and acted on by none")
    void severalTitlesMatchEquallyWell() throws Exception {
        try (App app = open()) {
            for (String command : List.of("paper", "summarize", "similar", "vote")) {
                Reply r = run(app, MEMBER, command, "paper", "attention");
                assertTrue(r.ephemeral(), command);
                assertEquals(List.of(), r.cards(), command + " shows no paper: " + allText(r));
                assertTrue(
                        Echo.plain(r.content()).startsWith("“attention” matches 6 papers equally well. Did you mean "),
                        command + ": " + Echo.plain(r.content()));
                for (String title : ATTENTION)
                    assertTrue(
                            Echo.plain(r.content()).contains("**" + title),
                            command + " offers " + title + ": " + Echo.plain(r.content()));
            }
            assertTrue(Echo.plain(run(app, MOD, "admin mark-read", "paper", "attention")
                            .content())
                    .contains("matches 6 papers equally well"));
            assertEquals(0, app.voteStore().activeVotes(), "no vote was recorded");
            // more of the title names one
            Reply one = run(app, MEMBER, "paper", "paper", "attention sinks");
            assertEquals(
                    "Attention Sinks in Diffusion Language Models",
                    one.cards().get(0).title());
        }
    }

    @Test
    @DisplayName("a misspelt title finds the paper; a change asks first")
    void misspeltTitle() throws Exception {
        try (App app = open()) {
            Reply shown = run(app, MEMBER, "paper", "paper", "Ponter Netwroks");
            assertFalse(shown.cards().isEmpty(), Echo.plain(shown.content()));
            assertEquals("Pointer Networks", shown.cards().get(0).title(), allText(shown));
            assertEquals(
                    "Pointer Networks",
                    run(app, MEMBER, "summarize", "paper", "pointer netwrks")
                            .cards()
                            .get(0)
                            .title());
            Reply vote = run(app, MEMBER, "vote", "paper", "Ponter Netwroks");
            assertTrue(
                    Echo.plain(vote.content())
                            .startsWith("No paper is called “Ponter Netwroks”. Did you mean **Pointer Networks**"),
                    Echo.plain(vote.content()));
            assertEquals(0, app.voteStore().activeVotes(), "a close spelling is not acted on");
            assertTrue(Echo.plain(
                            run(app, MEMBER, "paper", "paper", "qwxzv plorkt").content())
                    .startsWith("No paper matches"));
            // the choices as you type offer it too
            assertEquals(
                    "Pointer Networks",
                    app.commands()
                            .autocomplete("paper", "paper", "Ponter Netwroks", MEMBER)
                            .get(0)
                            .name());
            assertEquals(List.of(), app.commands().autocomplete("paper", "paper", "qwxzv plorkt", MEMBER));
        }
    }

    @Test
    @DisplayName(
            "a removed paper is named as removed with how to restore it, and restore finds it by the words that removed it")
    void removedPaper() throws Exception {
        try (App app = open()) {
            Reply removed = run(app, MOD, "admin remove", "paper", "Quamba");
            assertTrue(
                    Echo.plain(removed.content()).startsWith("Removed **Quamba: A Post-Training Quantization Recipe"),
                    Echo.plain(removed.content()));

            for (String command : List.of("paper", "summarize", "vote")) {
                Reply r = run(app, MEMBER, command, "paper", "Quamba");
                assertEquals(List.of(), r.cards(), command);
                assertTrue(
                        Echo.plain(r.content())
                                .startsWith(
                                        "**Quamba: A Post-Training Quantization Recipe for Selective State Space Models** "
                                                + "was removed from the library, so it is hidden. A moderator can bring it back with `/admin restore paper:Quamba`."),
                        command + ": " + Echo.plain(r.content()));
                assertFalse(Echo.plain(r.content()).contains("/search"), "search cannot find it either");
            }
            Reply again = run(app, MOD, "admin remove", "paper", "Quamba");
            assertTrue(
                    Echo.plain(again.content()).contains("was removed")
                            && Echo.plain(again.content()).contains("/admin restore"),
                    Echo.plain(again.content()));

            Reply restored = run(app, MOD, "admin restore", "paper", "Quamba");
            assertTrue(
                    Echo.plain(restored.content()).startsWith("Restored **Quamba: A Post-Training Quantization Recipe"),
                    Echo.plain(restored.content()));
            assertEquals(app.papers().count(), app.index().count());
            assertTrue(run(app, MEMBER, "paper", "paper", "Quamba")
                    .cards()
                    .get(0)
                    .title()
                    .startsWith("Quamba"));
        }
    }

    @Test
    @DisplayName("restore offers several removed papers that match, and restores none of them")
    void restoreNeverPicksAmongSeveral() throws Exception {
        try (App app = open()) {
            assertTrue(Echo.plain(run(app, MOD, "admin remove", "paper", "Attention Sinks in Diffusion Language Models")
                            .content())
                    .startsWith("Removed"));
            assertTrue(Echo.plain(run(
                                    app,
                                    MOD,
                                    "admin remove",
                                    "paper",
                                    "Attention Lens: A Tool for Mechanistically Interpreting the Attention Head Information Retrieval Mechanism")
                            .content())
                    .startsWith("Removed"));
            int visible = app.papers().count();
            Reply r = run(app, MOD, "admin restore", "paper", "attention");
            assertTrue(
                    Echo.plain(r.content())
                            .startsWith("“attention” matches 2 removed papers. Did you mean **Attention"),
                    Echo.plain(r.content()));
            assertEquals(visible, app.papers().count(), "nothing restored");
        }
    }
}
