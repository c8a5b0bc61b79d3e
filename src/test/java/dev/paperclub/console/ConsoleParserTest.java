package dev.paperclub.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.command.CommandDefinitions;
import dev.paperclub.command.CommandException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

final class ConsoleParserTest {
    static ConsoleParser parser;

    @BeforeAll
    static void load() throws Exception {
        parser = new ConsoleParser(CommandDefinitions.load(Path.of("commands")));
    }

    private static String error(String line) {
        return assertThrows(CommandException.class, () -> parser.parse(line)).getMessage();
    }

    @Test
    void valuesRunToTheNextKnownOptionName() {
        ConsoleParser.Parsed p = parser.parse("/search query:linear attention limit:3");
        assertEquals("search", p.key());
        assertEquals(Map.of("query", "linear attention", "limit", 3L), p.options());
        assertEquals(
                Map.of("paper", "Titans: Learning to Memorize"),
                parser.parse("/paper paper:Titans: Learning to Memorize").options());
        assertEquals(
                Map.of("query", "a since b", "since", "7d"),
                parser.parse("/search query:a since b since:7d").options());
    }

    @Test
    void quotesAndBareValues() {
        assertEquals(
                Map.of("paper", "limit:3 is part of it"),
                parser.parse("/paper paper:\"limit:3 is part of it\"").options());
        assertEquals(
                Map.of("query", "\"state space\" -vision"),
                parser.parse("/search query:\"state space\" -vision").options(),
                "quotes in a search query are phrase syntax and stay");
        assertEquals(Map.of("query", "mamba"), parser.parse("/search mamba").options());
        // an option name inside a quoted value is text, whether the value is named or bare
        assertEquals(
                Map.of("query", "\"mamba limit:3\"", "limit", 1L),
                parser.parse("/search query:\"mamba limit:3\" limit:1").options());
        assertEquals(
                Map.of("query", "\"a since:7d\"", "limit", 2L),
                parser.parse("/search \"a since:7d\" limit:2").options());
        assertEquals(
                Map.of("paper", "x limit:9", "limit", 2L),
                parser.parse("/similar paper:'x limit:9' limit:2").options());
        assertEquals(Map.of(), parser.parse("/help").options());
    }

    @Test
    void mistakesGetClearMessages() {
        assertTrue(error("/nosuch").contains("Unknown command `/nosuch`"));
        assertTrue(error("/search color:red").contains("no option `color`"));
        assertTrue(error("/search query:x limit:lots").contains("whole number"));
        assertTrue(error("/search query:a query:b").contains("given twice"));
        assertTrue(error("/help me").contains("takes no options"));
        assertTrue(error("search x").contains("start with `/`"));
        assertEquals(Map.of(), parser.parse("/search query:").options(), "an empty value counts as not given");
    }
}
