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
        ButtonId id = ButtonId.of("pg", 2, 5, "7d", "linear attention");
        assertEquals("pg|2|5|7d|linear attention", id.encode());
        assertEquals(id, ButtonId.parse(id.encode()).orElseThrow());
        assertEquals(List.of("hep-th/9901001"), ButtonId.parse("vote|hep-th/9901001").orElseThrow().args());
        for (String forged : new String[] {"", "VOTE|x", "1abc|x", "x".repeat(101), "vote|a\u0000b", "vote|\n", "toolongactionname123|x"}) {
            assertTrue(ButtonId.parse(forged).isEmpty(), forged);
        }
        assertFalse(ButtonId.of("pg", 0, 5, "", "q".repeat(120)).fits());
        assertThrows(IllegalArgumentException.class, () -> ButtonId.of("pg", "a|b").encode());
        assertThrows(CommandException.class, () -> ButtonId.parse("pg|x").orElseThrow().intArg(0, 0, 10));
    }
}
