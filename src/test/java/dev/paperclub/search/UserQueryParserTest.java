package dev.paperclub.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.search.UserQueryParser.Clause;
import dev.paperclub.search.UserQueryParser.Kind;
import dev.paperclub.search.UserQueryParser.Target;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

final class UserQueryParserTest {

    @Test
    @DisplayName("words, phrases, exclusions, fields and prefixes")
    void syntax() {
        assertEquals(
                List.of(
                        new Clause(Kind.WORD, Target.ANY, false, "linear"),
                        new Clause(Kind.PHRASE, Target.ANY, false, "state space"),
                        new Clause(Kind.WORD, Target.ANY, true, "vision"),
                        new Clause(Kind.PHRASE, Target.ANY, true, "image model"),
                        new Clause(Kind.WORD, Target.TITLE, false, "attention"),
                        new Clause(Kind.PHRASE, Target.AUTHOR, false, "Yann LeCun"),
                        new Clause(Kind.PREFIX, Target.ANY, false, "transform")),
                UserQueryParser.parse(
                        "linear \"state space\" -vision -\"image model\" title:attention author:\"Yann LeCun\" transform*"));
    }

    @Test
    @DisplayName("a minus before a digit is a sign, an unclosed quote runs to the end, a lone * or field is dropped")
    void tolerant() {
        assertEquals(
                List.of(
                        new Clause(Kind.WORD, Target.ANY, false, "E2f-1,"),
                        new Clause(Kind.WORD, Target.ANY, false, "-2")),
                UserQueryParser.parse("E2f-1, -2"));
        assertEquals(
                List.of(new Clause(Kind.PHRASE, Target.ANY, false, "open ended")),
                UserQueryParser.parse("\"open ended"));
        assertTrue(UserQueryParser.parse("* title: -").isEmpty());
    }

    @Test
    @DisplayName("input is capped and control characters become spaces")
    void sanitize() {
        assertEquals(
                UserQueryParser.MAX_CHARS,
                UserQueryParser.sanitize("x".repeat(10_000)).length());
        assertEquals("a b", UserQueryParser.sanitize("a\u0000b"));
        String emoji = "x".repeat(UserQueryParser.MAX_CHARS - 1) + "🚀";
        assertEquals(
                UserQueryParser.MAX_CHARS - 1, UserQueryParser.sanitize(emoji).length()); // no half surrogate pair
    }
}
