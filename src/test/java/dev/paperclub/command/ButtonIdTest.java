package dev.paperclub.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

final class ButtonIdTest {
    @Test
    void roundTripsAndRejectsMalformedIds() {
        ButtonId id = ButtonId.of(ButtonAction.PAGE, 2, 5, "7d", "linear attention");
        assertEquals("page|2|5|7d|linear attention", id.encode());
        assertEquals(id, ButtonId.parse(id.encode()).orElseThrow());
        assertEquals(
                List.of("hep-th/9901001"),
                ButtonId.parse("vote|hep-th/9901001").orElseThrow().args());
        for (String forged : new String[] {
            "",
            "VOTE|x",
            "1abc|x",
            "x".repeat(101),
            "vote|a\u0000b",
            "vote|\n",
            "toolongactionname123|x",
            "pg|x",
            "zzz|1"
        }) {
            assertTrue(ButtonId.parse(forged).isEmpty(), forged);
        }
        assertFalse(ButtonId.of(ButtonAction.PAGE, 0, 5, "", "q".repeat(120)).fits());
        assertThrows(IllegalArgumentException.class, () -> ButtonId.of(ButtonAction.PAGE, "a|b")
                .encode());
        assertThrows(
                CommandException.class,
                () -> ButtonId.parse("page|x").orElseThrow().intArg(0, 0, 10));
    }

    @Test
    void everyActionKeepsTheCodeThatPostedButtonsCarry() {
        // buttons already posted in Discord carry these codes; changing one orphans them
        assertEquals(
                List.of(
                        "page",
                        "paget",
                        "paper",
                        "sum",
                        "sim",
                        "vote",
                        "unvote",
                        "confirm-reset",
                        "wvote",
                        "notes",
                        "note-del",
                        "sessions"),
                java.util.Arrays.stream(ButtonAction.values())
                        .map(ButtonAction::code)
                        .toList());
        for (ButtonAction a : ButtonAction.values()) {
            assertEquals(
                    a,
                    ButtonId.parse(ButtonId.of(a, "x").encode()).orElseThrow().action());
        }
    }
}
