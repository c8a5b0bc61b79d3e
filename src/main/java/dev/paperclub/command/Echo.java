package dev.paperclub.command;

import java.util.function.UnaryOperator;

/**
 * Marks text the bot echoes but did not write (paper titles, typed queries) inside a formatted
 * reply, so each renderer can show it literally: Discord escapes its markdown, the console shows
 * it as it is. Handlers stay platform-neutral; the marks are two private-use characters that
 * never survive rendering.
 */
public final class Echo {
    static final char OPEN = '\uE000';
    static final char CLOSE = '\uE001';

    private Echo() {}

    /** {@code text} marked as echoed; marks already inside it are dropped, so spans never nest. */
    public static String of(String text) {
        return OPEN + plain(text) + CLOSE;
    }

    /** The text with every mark removed, as a renderer without markup shows it. */
    public static String plain(String s) {
        return s == null ? null : render(s, UnaryOperator.identity());
    }

    /**
     * The text with each echoed span passed through {@code literal} and the marks removed. A span
     * left open (a cut fell inside it) runs to the end of the text.
     */
    public static String render(String s, UnaryOperator<String> literal) {
        if (s == null || s.indexOf(OPEN) < 0 && s.indexOf(CLOSE) < 0) return s;
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            int open = s.indexOf(OPEN, i);
            int end = open < 0 ? s.length() : open;
            out.append(s, i, end); // text outside spans (stray closing marks are dropped below)
            if (open < 0) break;
            int close = s.indexOf(CLOSE, open + 1);
            int stop = close < 0 ? s.length() : close;
            out.append(literal.apply(s.substring(open + 1, stop).replace(String.valueOf(OPEN), "")));
            i = close < 0 ? s.length() : close + 1;
        }
        int stray;
        while ((stray = out.indexOf(String.valueOf(CLOSE))) >= 0) out.deleteCharAt(stray);
        return out.toString();
    }

    /**
     * The text with {@code markup} applied to what the bot wrote (outside echoed spans) and the
     * marks removed; echoed spans are kept as they are. A renderer that reads its own markup (a
     * console turning mention syntax into names) must not read it inside a title.
     */
    public static String renderOutside(String s, UnaryOperator<String> markup) {
        if (s == null) return null;
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            int open = s.indexOf(OPEN, i);
            int end = open < 0 ? s.length() : open;
            out.append(markup.apply(s.substring(i, end).replace(String.valueOf(CLOSE), "")));
            if (open < 0) break;
            int close = s.indexOf(CLOSE, open + 1);
            int stop = close < 0 ? s.length() : close;
            out.append(s.substring(open + 1, stop).replace(String.valueOf(OPEN), ""));
            i = close < 0 ? s.length() : close + 1;
        }
        return out.toString();
    }
}
