package dev.paperclub.paper;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cleans text from any source the same way: HTML entities decoded, Unicode NFKC,
 * control characters dropped, whitespace (including the line wraps of arXiv Atom) collapsed.
 * LaTeX is left as written: readers of ML papers read {@code $O(n^2)$} fine.
 */
public final class TextNormalizer {
    private static final Pattern ENTITY =
            Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});");
    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("amp", "&"),
            Map.entry("lt", "<"),
            Map.entry("gt", ">"),
            Map.entry("quot", "\""),
            Map.entry("apos", "'"),
            Map.entry("nbsp", " "),
            Map.entry("ndash", "–"),
            Map.entry("mdash", "—"),
            Map.entry("hellip", "…"),
            Map.entry("lsquo", "‘"),
            Map.entry("rsquo", "’"),
            Map.entry("ldquo", "“"),
            Map.entry("rdquo", "”"),
            Map.entry("times", "×"),
            Map.entry("eacute", "é"),
            Map.entry("uuml", "ü"),
            Map.entry("ouml", "ö"),
            Map.entry("auml", "ä"));
    private static final Pattern NOT_KEY = Pattern.compile("[^\\p{L}\\p{N}]+");

    private TextNormalizer() {}

    /** Normalizes display text; never returns null. */
    public static String clean(String s) {
        if (s == null) return "";
        return alreadyClean(s) ? s : cleanAnyText(s);
    }

    /**
     * True for what {@link #cleanAnyText} returns unchanged and can be told at a glance: printable
     * ASCII (which NFKC leaves alone) with no entity and single spaces between words. Most
     * titles and abstracts are; the check costs a fraction of normalizing them.
     */
    private static boolean alreadyClean(String s) {
        int n = s.length();
        if (n > 0 && (s.charAt(0) == ' ' || s.charAt(n - 1) == ' ')) return false;
        char previous = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == ' ' ? previous == ' ' : c < 0x21 || c > 0x7E || c == '&') return false;
            previous = c;
        }
        return true;
    }

    /** {@link #clean} of any text, the long way. */
    static String cleanAnyText(String s) {
        String t = Normalizer.normalize(decodeEntities(s), Normalizer.Form.NFKC);
        // one pass: drop control and broken characters, collapse every run of white space
        StringBuilder b = new StringBuilder(t.length());
        boolean space = false;
        for (int i = 0; i < t.length(); ) {
            int cp = t.codePointAt(i);
            i += Character.charCount(cp);
            if (isSpace(cp)) {
                space = b.length() > 0;
                continue;
            }
            int type = Character.getType(cp);
            if (type == Character.CONTROL
                    || type == Character.SURROGATE
                    || type == Character.UNASSIGNED
                    || cp == 0xFFFD) {
                continue; // dropped: control characters and replacement chars only ever come from broken input
            }
            if (space) {
                b.append(' ');
                space = false;
            }
            b.appendCodePoint(cp);
        }
        return b.toString();
    }

    private static boolean isSpace(int cp) {
        return Character.isWhitespace(cp)
                || cp == 0x00A0
                || (cp >= 0x2000 && cp <= 0x200B)
                || cp == 0x2028
                || cp == 0x2029
                || cp == 0x202F
                || cp == 0x205F
                || cp == 0x3000
                || cp == 0xFEFF;
    }

    /** The dedup key of a title: NFKC, case-folded, punctuation and whitespace removed. */
    public static String titleKey(String title) {
        String t = title == null ? "" : title;
        String ascii = t.indexOf('&') < 0 ? asciiLettersAndDigits(t) : null; // entities: the long way
        return ascii != null ? ascii : titleKeyOfAnyText(t);
    }

    /**
     * The letters and digits of ASCII text, lowercased (what NFKC, case folding and dropping
     * everything else give for it); null for text with any other character.
     */
    public static String asciiLettersAndDigits(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0x7E) return null;
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) b.append(c);
            else if (c >= 'A' && c <= 'Z') b.append((char) (c + ('a' - 'A')));
        }
        return b.toString();
    }

    /** {@link #titleKey} of any text, the long way. */
    static String titleKeyOfAnyText(String title) {
        String t = Normalizer.normalize(decodeEntities(title), Normalizer.Form.NFKC);
        // toLowerCase(ROOT) after toUpperCase folds the few characters plain lower-casing misses (ß, ς).
        t = t.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return NOT_KEY.matcher(t).replaceAll("");
    }

    static String decodeEntities(String s) {
        if (s.indexOf('&') < 0) return s;
        Matcher m = ENTITY.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            String e = m.group(1);
            String rep;
            try {
                if (e.startsWith("#x") || e.startsWith("#X")) rep = codePoint(Integer.parseInt(e.substring(2), 16));
                else if (e.startsWith("#")) rep = codePoint(Integer.parseInt(e.substring(1)));
                else rep = NAMED.get(e.toLowerCase(Locale.ROOT).equals(e) ? e : e);
            } catch (NumberFormatException ex) {
                rep = null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(rep == null ? m.group() : rep));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String codePoint(int cp) {
        return Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : "";
    }
}
