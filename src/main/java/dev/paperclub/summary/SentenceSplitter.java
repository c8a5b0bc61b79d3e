package dev.paperclub.summary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Rule-based sentence splitter for scientific abstracts. A period, {@code ?} or {@code !} ends a
 * sentence only when whitespace (or the end) follows, optionally after closing quotes or
 * brackets, and the next word does not start in lower case; so decimals, versions, URLs and
 * inner periods of "e.g." never split. Known abbreviations (e.g., i.e., et al., Fig., Eq., vs.,
 * cf., approx., ...), single initials and dotted initialisms (U.S., A.I.) do not end a sentence,
 * and text inside inline LaTeX ({@code $...$}) is never split. Stateless and thread-safe.
 */
public final class SentenceSplitter {

    /** Abbreviations after which a period never ends a sentence (lower case, inner dots kept). */
    private static final Set<String> ABBREVIATIONS = Set.copyOf(List.of(
            "e.g", "i.e", "eg", "ie", "cf", "vs", "viz", "fig", "figs", "eq", "eqs", "approx", "resp", "ref", "refs",
            "sec", "secs", "tab", "tbl", "vol", "pp", "ch", "dr", "mr", "mrs", "ms", "prof", "ca", "incl", "w.r.t",
            "wrt", "a.k.a", "thm", "lem", "def", "alg", "app", "appx", "sect", "chap", "st", "jr", "sr", "no", "nos",
            "est"));

    /** Words that, after a dotted initialism such as "U.S.", mean a new sentence has begun. */
    private static final Set<String> STARTERS = Set.copyOf(List.of(
            "we",
            "the",
            "this",
            "these",
            "those",
            "our",
            "in",
            "it",
            "its",
            "they",
            "however",
            "moreover",
            "finally",
            "here",
            "thus",
            "therefore",
            "experiments",
            "results",
            "a",
            "an",
            "furthermore",
            "additionally",
            "specifically",
            "to",
            "on",
            "for",
            "using",
            "unlike",
            "first",
            "second",
            "third",
            "such",
            "there",
            "while",
            "although",
            "as",
            "by"));

    private static final int MAX_MATH_SPAN = 300;

    /** Splits {@code text} into trimmed sentences with runs of whitespace collapsed; never null. */
    public List<String> split(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        String s = clean(text);
        int n = s.length();
        int start = 0;
        int i = 0;
        while (i < n) {
            char ch = s.charAt(i);
            if (ch == '$') {
                int close = s.indexOf('$', i + 1);
                if (close > i && close - i <= MAX_MATH_SPAN) {
                    i = close + 1;
                    continue;
                }
            }
            if (ch == '\n' && i + 1 < n && s.charAt(i + 1) == '\n') {
                // a blank line is a paragraph break, whatever the punctuation says
                add(out, s.substring(start, i));
                start = i;
                i++;
                continue;
            }
            if (ch == '.' || ch == '?' || ch == '!') {
                int end = i + 1;
                while (end < n && (s.charAt(end) == '.' || s.charAt(end) == '?' || s.charAt(end) == '!')) {
                    end++;
                }
                while (end < n && isCloser(s.charAt(end))) {
                    end++;
                }
                if (end >= n) {
                    break;
                }
                if (!Character.isWhitespace(s.charAt(end))) {
                    i = end;
                    continue;
                }
                int next = end;
                while (next < n && Character.isWhitespace(s.charAt(next))) {
                    next++;
                }
                if (next < n && isBoundary(s, i, ch, next)) {
                    add(out, s.substring(start, end));
                    start = next;
                }
                i = next;
                continue;
            }
            i++;
        }
        add(out, s.substring(Math.min(start, n)));
        return out;
    }

    private static boolean isBoundary(String s, int punct, char ch, int next) {
        char nc = s.charAt(next);
        if (Character.isLowerCase(nc)) {
            return false;
        }
        if (ch != '.') {
            return true;
        }
        // the word right before the period, letters and inner dots only ("e.g", "U.S", "al")
        int w = punct;
        while (w > 0 && (Character.isLetter(s.charAt(w - 1)) || s.charAt(w - 1) == '.')) {
            w--;
        }
        String word = s.substring(w, punct);
        if (word.isEmpty()) {
            return true;
        }
        String lower = word.toLowerCase(Locale.ROOT);
        if (ABBREVIATIONS.contains(lower)) {
            return false;
        }
        if (lower.equals("al") && precededBy(s, w, "et")) {
            return false;
        }
        if (word.length() == 1
                && Character.isUpperCase(word.charAt(0))
                && (w == 0 || !Character.isLetterOrDigit(s.charAt(w - 1)))) {
            return false; // an initial: "J. Smith"
        }
        if (word.matches("(?:\\p{L}\\.)+\\p{L}")) {
            // dotted initialism: continue unless the next word clearly starts a sentence
            return STARTERS.contains(nextWord(s, next).toLowerCase(Locale.ROOT));
        }
        return true;
    }

    private static boolean precededBy(String s, int wordStart, String prev) {
        int e = wordStart;
        while (e > 0 && Character.isWhitespace(s.charAt(e - 1))) {
            e--;
        }
        int b = e;
        while (b > 0 && Character.isLetter(s.charAt(b - 1))) {
            b--;
        }
        return s.substring(b, e).equalsIgnoreCase(prev);
    }

    private static String nextWord(String s, int from) {
        int e = from;
        while (e < s.length() && Character.isLetter(s.charAt(e))) {
            e++;
        }
        return s.substring(from, e);
    }

    private static boolean isCloser(char c) {
        return c == ')' || c == ']' || c == '}' || c == '"' || c == '\'' || c == '\u201D' || c == '\u2019';
    }

    /** Control characters become spaces, except newlines which mark paragraph breaks. */
    private static String clean(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                    sb.append('\n');
                }
            } else if (c == '\n') {
                sb.append(c);
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                sb.append(' ');
            } else {
                sb.append(c);
            }
        }
        return sb.toString().replaceAll("\n[ \t]+\n", "\n\n");
    }

    private static void add(List<String> out, String raw) {
        String t = raw.strip().replaceAll("\\s+", " ");
        if (!t.isEmpty()) {
            out.add(t);
        }
    }
}
