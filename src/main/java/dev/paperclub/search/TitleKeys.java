package dev.paperclub.search;

import java.text.Normalizer;
import java.util.Locale;

/** Normalized title keys: NFKC, case-folded, letters and digits only (as DESIGN.md defines). */
final class TitleKeys {
    private TitleKeys() {}

    static String normalize(String s) {
        String ascii = dev.paperclub.paper.TextNormalizer.asciiLettersAndDigits(s);
        return ascii != null ? ascii : normalizeAnyText(s);
    }

    /** {@link #normalize} of any text, the long way. */
    static String normalizeAnyText(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(n.length());
        n.codePoints().filter(Character::isLetterOrDigit).forEach(sb::appendCodePoint);
        return sb.toString();
    }
}
