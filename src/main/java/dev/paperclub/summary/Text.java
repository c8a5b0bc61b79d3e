package dev.paperclub.summary;

import java.util.ArrayList;
import java.util.List;

/** Word tokenization and stemming shared by features, IDF and keywords, so they all agree. */
final class Text {

    private Text() {}

    /** Lower-cased runs of letters or digits (ASCII-folded case only; other scripts kept). */
    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        if (s == null) {
            return out;
        }
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                cur.append(Character.toLowerCase(c));
            } else if (cur.length() > 0) {
                out.add(cur.toString());
                cur.setLength(0);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    /** Same stems as the ROUGE scorer, which is what the model is trained to please. */
    static String stem(String lowerWord) {
        return lowerWord.length() > 3 && isAsciiLetters(lowerWord) ? RougeStemmer.stem(lowerWord) : lowerWord;
    }

    static List<String> stems(String s) {
        List<String> w = words(s);
        List<String> out = new ArrayList<>(w.size());
        for (String t : w) {
            out.add(stem(t));
        }
        return out;
    }

    private static boolean isAsciiLetters(String w) {
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }
}
