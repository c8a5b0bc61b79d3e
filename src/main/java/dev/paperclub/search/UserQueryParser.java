package dev.paperclub.search;

import java.util.ArrayList;
import java.util.List;

/**
 * A tolerant reader of the search box syntax. It never fails: any string becomes a
 * (possibly empty) list of clauses, and anything it does not understand is kept as words
 * for the analyzer to clean up.
 *
 * <p>Syntax: plain words; {@code "quoted phrases"} (an unclosed quote runs to the end);
 * {@code -word} / {@code -"phrase"} to exclude (a minus before a digit is a sign); {@code title:} and {@code author:} before a
 * word or a quoted phrase; a trailing {@code *} for a prefix ({@code transform*}).
 * Boolean operators, parentheses, {@code ~}, {@code ^} and {@code field:*} are not syntax
 * here: they are just characters, which the analyzer drops.
 */
public final class UserQueryParser {

    /** Longest input considered; the rest is ignored before anything reaches Lucene. */
    public static final int MAX_CHARS = 1000;
    /** At most this many clauses are kept, so a pathological query stays cheap. */
    static final int MAX_CLAUSES = 64;

    /** What a clause is. */
    enum Kind {
        WORD,
        PHRASE,
        PREFIX
    }

    /** Which field a clause targets: ANY is the default title+abstract search. */
    enum Target {
        ANY,
        TITLE,
        AUTHOR
    }

    /** One piece of the query. {@code text} is raw user text, not yet analyzed. */
    record Clause(Kind kind, Target target, boolean negated, String text) {}

    private UserQueryParser() {}

    static List<Clause> parse(String input) {
        String s = sanitize(input);
        List<Clause> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n && out.size() < MAX_CLAUSES) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean negated = false;
            // "-2" or "+1" is a number, not an operator: only a word or a quote can be excluded.
            if ((c == '-' || c == '+')
                    && i + 1 < n
                    && (Character.isLetter(s.charAt(i + 1)) || s.charAt(i + 1) == '"')) {
                negated = c == '-';
                i++;
            }
            Target target = Target.ANY;
            if (s.regionMatches(true, i, "title:", 0, 6)) {
                target = Target.TITLE;
                i += 6;
            } else if (s.regionMatches(true, i, "author:", 0, 7)) {
                target = Target.AUTHOR;
                i += 7;
            }
            if (i >= n) break;
            if (s.charAt(i) == '"') {
                int end = s.indexOf('"', i + 1);
                if (end < 0) end = n;
                String phrase = s.substring(i + 1, end);
                i = end + 1;
                if (!phrase.isBlank()) out.add(new Clause(Kind.PHRASE, target, negated, phrase));
                continue;
            }
            int end = i;
            while (end < n && !Character.isWhitespace(s.charAt(end))) end++;
            String word = s.substring(i, end);
            i = end;
            // Pure punctuation ("-", "(", "*:*") can never match: drop it here, not in the analyzer.
            if (word.codePoints().noneMatch(Character::isLetterOrDigit)) continue;
            if (word.endsWith("*")) {
                String stem = word.replaceAll("\\*+$", "");
                if (stem.codePoints().anyMatch(Character::isLetterOrDigit)) {
                    out.add(new Clause(Kind.PREFIX, target, negated, stem));
                }
                continue;
            }
            out.add(new Clause(Kind.WORD, target, negated, word));
        }
        return out;
    }

    /** Caps the length (without splitting a surrogate pair) and turns control characters into spaces. */
    static String sanitize(String input) {
        if (input == null) return "";
        String s = input;
        if (s.length() > MAX_CHARS) {
            int cut = MAX_CHARS;
            if (Character.isHighSurrogate(s.charAt(cut - 1))) cut--;
            s = s.substring(0, cut);
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int k = 0; k < s.length(); k++) {
            char ch = s.charAt(k);
            sb.append(Character.isISOControl(ch) ? ' ' : ch);
        }
        return sb.toString();
    }
}
