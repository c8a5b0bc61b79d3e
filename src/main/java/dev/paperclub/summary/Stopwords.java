package dev.paperclub.summary;

import java.util.List;
import java.util.Set;

/** English function words (and their ROUGE stems) that carry no topic for overlap or keywords. */
final class Stopwords {

    private static final Set<String> WORDS = Set.copyOf(List.of(
            "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "from", "by", "with",
            "without", "within", "into", "onto", "over", "under", "about", "between", "among", "through", "during",
            "before", "after", "above", "below", "as", "than", "then", "that", "this", "these", "those", "thi", "such",
            "which", "who", "whom", "whose", "what", "when", "where", "while", "whether", "how", "why", "is", "are",
            "was", "were", "be", "been", "being", "am", "do", "does", "doe", "did", "doing", "have", "has", "ha", "had",
            "having", "it", "its", "itself", "we", "our", "ours", "us", "they", "their", "them", "he", "she", "his",
            "her", "i", "you", "your", "can", "could", "may", "might", "must", "shall", "should", "will", "would",
            "not", "no", "so", "if", "also", "both", "each", "either", "other", "another", "some", "any", "all", "most",
            "more", "less", "many", "much", "few", "very", "via", "using", "use", "us", "based", "base", "here",
            "there", "thu", "thus", "however", "further", "via", "upon", "per", "i.e", "e.g", "etc", "one", "two",
            "well", "only", "same", "own", "just", "yet", "still", "across", "against", "up", "down", "out", "off",
            "again", "once", "wa", "veri", "onli"));

    private Stopwords() {}

    /** True for a stop word given either its surface form (lower case) or its stem. */
    static boolean isStop(String word) {
        return WORDS.contains(word);
    }
}
