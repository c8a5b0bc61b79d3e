package dev.paperclub.summary;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes low-content openings from a chosen sentence ("In this paper, we propose X" becomes
 * "We propose X"; "Moreover, X" becomes "X"). TL;DRs are short, so every dropped filler word
 * raises precision; the trainer measures on the training split whether it pays off.
 */
final class LeadInTrimmer {

    private static final Pattern TO_WE = Pattern.compile(
            "^(?:in this (?:paper|work|article|study|note|letter)|here|to this end|to (?:do|address|tackle|solve) (?:this|these|that)(?: (?:problem|issue|challenge|gap|limitation)s?)?|in (?:this|that|our) (?:setting|context|spirit)),?\\s+(we\\s)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CONNECTIVE = Pattern.compile(
            "^(?:moreover|furthermore|additionally|in addition|specifically|in particular|finally|however|thus|therefore|consequently|as a result|hence|importantly|notably|further|besides|overall|concretely|to this end|in summary|in short|in conclusion|in this paper|in this work),\\s+(\\S)",
            Pattern.CASE_INSENSITIVE);

    private LeadInTrimmer() {}

    static String trim(String sentence) {
        Matcher m = TO_WE.matcher(sentence);
        if (m.find()) {
            return "We " + sentence.substring(m.end(1));
        }
        m = CONNECTIVE.matcher(sentence);
        if (m.find()) {
            String rest = sentence.substring(m.start(1));
            return Character.toUpperCase(rest.charAt(0)) + rest.substring(1);
        }
        return sentence;
    }
}
