package dev.paperclub.summary;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Porter stemmer exactly as embedded in ROUGE-1.5.5.pl ({@code sub stem}), ported rule by
 * rule with the same regular expressions. It deliberately differs from Lucene's and NLTK's
 * Porter stemmers ({@code bli->ble}, {@code logi->log}, and a step 4 whose rules apply one after
 * another) because ROUGE scores are only comparable when the stems are identical.
 */
final class RougeStemmer {

    private static final String C_ONE = "[^aeiou]";
    private static final String V_ONE = "[aeiouy]";
    private static final String C_SEQ = C_ONE + "[^aeiouy]*";
    private static final String V_SEQ = V_ONE + "[aeiou]*";

    private static final Pattern MGR0 = Pattern.compile("^(" + C_SEQ + ")?" + V_SEQ + C_SEQ);
    private static final Pattern MEQ1 = Pattern.compile("^(" + C_SEQ + ")?" + V_SEQ + C_SEQ + "(" + V_SEQ + ")?$");
    private static final Pattern MGR1 = Pattern.compile("^(" + C_SEQ + ")?" + V_SEQ + C_SEQ + V_SEQ + C_SEQ);
    private static final Pattern HAS_V = Pattern.compile("^(" + C_SEQ + ")?" + V_ONE);
    private static final Pattern CVC = Pattern.compile("^" + C_SEQ + V_ONE + "[^aeiouwxy]$");

    private static final Pattern S1A_SSES_IES = Pattern.compile("(ss|i)es$");
    private static final Pattern S1A_S = Pattern.compile("([^s])s$");
    private static final Pattern S1B_EED = Pattern.compile("eed$");
    private static final Pattern S1B_ED_ING = Pattern.compile("(ed|ing)$");
    private static final Pattern S1B_AT_BL_IZ = Pattern.compile("(at|bl|iz)$");
    private static final Pattern S1B_DOUBLE = Pattern.compile("([^aeiouylsz])\\1$");
    private static final Pattern S1C_Y = Pattern.compile("y$");
    private static final Pattern S2 = Pattern.compile(
            "(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$");
    private static final Pattern S3 = Pattern.compile("(icate|ative|alize|iciti|ical|ful|ness)$");
    private static final Pattern S4 =
            Pattern.compile("(al|ance|ence|er|ic|able|ible|ant|ement|ou|ism|ate|iti|ous|ive|ize)$");
    private static final Pattern S4_MENT = Pattern.compile("ment$");
    private static final Pattern S4_ENT = Pattern.compile("ent$");
    private static final Pattern S4_ION = Pattern.compile("(s|t)(ion)$");
    private static final Pattern S5_E = Pattern.compile("e$");
    private static final Pattern S5_LL = Pattern.compile("ll$");

    private static final Map<String, String> STEP2 = Map.ofEntries(
            Map.entry("ational", "ate"),
            Map.entry("tional", "tion"),
            Map.entry("enci", "ence"),
            Map.entry("anci", "ance"),
            Map.entry("izer", "ize"),
            Map.entry("bli", "ble"),
            Map.entry("alli", "al"),
            Map.entry("entli", "ent"),
            Map.entry("eli", "e"),
            Map.entry("ousli", "ous"),
            Map.entry("ization", "ize"),
            Map.entry("ation", "ate"),
            Map.entry("ator", "ate"),
            Map.entry("alism", "al"),
            Map.entry("iveness", "ive"),
            Map.entry("fulness", "ful"),
            Map.entry("ousness", "ous"),
            Map.entry("aliti", "al"),
            Map.entry("iviti", "ive"),
            Map.entry("biliti", "ble"),
            Map.entry("logi", "log"));
    private static final Map<String, String> STEP3 =
            Map.of("icate", "ic", "ative", "", "alize", "al", "iciti", "ic", "ical", "ic", "ful", "", "ness", "");

    private RougeStemmer() {}

    /** Stems one lower-case token; ROUGE only calls it for tokens longer than 3 characters. */
    /**
     * Stems are pure functions of the word and the same few thousand words recur in every
     * abstract; a bounded cache takes the regex work out of the summary path.
     */
    private static final com.github.benmanes.caffeine.cache.Cache<String, String> CACHE =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                    .maximumSize(50_000)
                    .build();

    static String stem(String word) {
        if (word.length() > 40) return stemUncached(word);
        return CACHE.get(word, RougeStemmer::stemUncached);
    }

    private static String stemUncached(String word) {
        String w = word;
        if (w.length() < 3) {
            return w;
        }
        boolean initialY = w.charAt(0) == 'y';
        if (initialY) {
            // the Perl upper-cases an initial y so that no pattern treats it as a vowel
            w = "Y" + w.substring(1);
        }
        Matcher m;
        // Step 1a
        if ((m = S1A_SSES_IES.matcher(w)).find()) {
            w = w.substring(0, m.start()) + m.group(1);
        } else if ((m = S1A_S.matcher(w)).find()) {
            w = w.substring(0, m.start()) + m.group(1);
        }
        // Step 1b
        if ((m = S1B_EED.matcher(w)).find()) {
            if (MGR0.matcher(w.substring(0, m.start())).find()) {
                w = w.substring(0, w.length() - 1);
            }
        } else if ((m = S1B_ED_ING.matcher(w)).find()) {
            String stem = w.substring(0, m.start());
            if (HAS_V.matcher(stem).find()) {
                w = stem;
                if (S1B_AT_BL_IZ.matcher(w).find()) {
                    w = w + "e";
                } else if (S1B_DOUBLE.matcher(w).find()) {
                    w = w.substring(0, w.length() - 1);
                } else if (CVC.matcher(w).find()) {
                    w = w + "e";
                }
            }
        }
        // Step 1c
        if ((m = S1C_Y.matcher(w)).find()) {
            String stem = w.substring(0, m.start());
            if (HAS_V.matcher(stem).find()) {
                w = stem + "i";
            }
        }
        // Step 2
        if ((m = S2.matcher(w)).find()) {
            String stem = w.substring(0, m.start());
            if (MGR0.matcher(stem).find()) {
                w = stem + STEP2.get(m.group(1));
            }
        }
        // Step 3
        if ((m = S3.matcher(w)).find()) {
            String stem = w.substring(0, m.start());
            if (MGR0.matcher(stem).find()) {
                w = stem + STEP3.get(m.group(1));
            }
        }
        // Step 4: three independent ifs (CYL's 2004 change), not the textbook else-chain
        if ((m = S4.matcher(w)).find()) {
            String stem = w.substring(0, m.start());
            if (MGR1.matcher(stem).find()) {
                w = stem;
            }
        }
        if ((m = S4_MENT.matcher(w)).find()) {
            String stem = w.substring(0, m.start());
            if (MGR1.matcher(stem).find()) {
                w = stem;
            }
        }
        if ((m = S4_ENT.matcher(w)).find()) {
            String stem = w.substring(0, m.start());
            if (MGR1.matcher(stem).find()) {
                w = stem;
            }
        } else if ((m = S4_ION.matcher(w)).find()) {
            String stem = w.substring(0, m.start()) + m.group(1);
            if (MGR1.matcher(stem).find()) {
                w = stem;
            }
        }
        // Step 5
        if ((m = S5_E.matcher(w)).find()) {
            String stem = w.substring(0, m.start());
            if (MGR1.matcher(stem).find()
                    || (MEQ1.matcher(stem).find() && !CVC.matcher(stem).find())) {
                w = stem;
            }
        }
        if (S5_LL.matcher(w).find() && MGR1.matcher(w).find()) {
            w = w.substring(0, w.length() - 1);
        }
        if (initialY) {
            w = "y" + w.substring(1);
        }
        return w;
    }
}
