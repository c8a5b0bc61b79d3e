package dev.paperclub.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperclub.paper.Paper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

final class DocumentAnalysisTest {

    /** Titles and abstracts that stress the seams: possessives, folding, long tokens, empty parts. */
    private static final List<String[]> TRICKY = List.of(
            new String[] {
                "JOHN'S Model’S Müller’s Cœur", "The dog's tail; O'Neil's and ＯＰＥＮ’Ｓ Straße. Crème brûlée's GPUs."
            },
            new String[] {"A", "x".repeat(300) + " after a very long token, and 3.14 numbers like 10,000 or v2.1-beta"},
            new String[] {"Ends with a dot.", "Starts right away: no gap"},
            new String[] {"the of and", "stop words only: the a an of"},
            new String[] {"Title only", ""},
            new String[] {"中文 标题 日本語のタイトル", "混合 mixed テキスト with emoji 🚀 and dashes — en–dash"});

    @Test
    @DisplayName("one tokenization gives every field exactly the tokens the analyzer gives it from the raw text")
    void replayMatchesTheAnalyzer() throws IOException {
        List<String[]> texts = new ArrayList<>(TRICKY);
        for (Paper p : Fixtures.all()) texts.add(new String[] {p.title(), p.abstractText()});
        try (PaperAnalyzer analyzer = new PaperAnalyzer(AnalysisOptions.defaults())) {
            DocumentAnalysis words = new DocumentAnalysis(analyzer);
            int compared = 0;
            for (String[] t : texts) {
                String title = t[0];
                String text = PaperIndex.combinedText(title, t[1]);
                words.analyse(text, title.length());
                // twice: the streams are reused across fields and documents
                for (int round = 0; round < 2; round++) {
                    assertEquals(tokens(analyzer.tokenStream(PaperFields.TITLE, title)), tokens(words.title()), title);
                    assertEquals(tokens(analyzer.tokenStream(PaperFields.TEXT, text)), tokens(words.text()), title);
                    // the spelling dictionary records only which papers hold a word: each word once
                    assertEquals(
                            terms(tokens(analyzer.tokenStream(PaperFields.WORDS, title + "\n" + t[1]))).stream()
                                    .distinct()
                                    .toList(),
                            terms(tokens(words.words())),
                            title);
                    assertEquals(
                            tokens(analyzer.tokenStream(PaperFields.TITLE_PREFIX, title)),
                            tokens(words.titlePrefixes()),
                            title);
                }
                compared++;
            }
            assertTrue(compared > 30, "compared " + compared);
        }
    }

    @Test
    @DisplayName("English analysis strips possessives whatever their case or apostrophe, and folds accents")
    void englishChain() throws IOException {
        try (PaperAnalyzer analyzer = new PaperAnalyzer(AnalysisOptions.defaults())) {
            // "the" is a stop word: "model" comes two positions after "john"
            assertEquals(
                    List.of("john/1", "model/2", "muller/1", "network/1"),
                    tokens(analyzer.tokenStream(PaperFields.TEXT, "JOHN'S the Model’s Müller’S networks")));
        }
    }

    private static List<String> terms(List<String> tokens) {
        return tokens.stream().map(t -> t.substring(0, t.lastIndexOf('/'))).toList();
    }

    /** Terms with their position increments, as indexing sees them. */
    private static List<String> tokens(TokenStream ts) throws IOException {
        List<String> out = new ArrayList<>();
        try (ts) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            while (ts.incrementToken()) out.add(term + "/" + inc.getPositionIncrement());
            ts.end();
        }
        return out;
    }
}
