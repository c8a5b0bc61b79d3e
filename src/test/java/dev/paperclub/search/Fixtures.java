package dev.paperclub.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paperclub.paper.Paper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Test papers: the 30 recorded HF daily papers plus a few written for specific behaviours. */
final class Fixtures {

    static final String PROTEIN_A = "t-protein-a";
    static final String PROTEIN_B = "t-protein-b";
    static final String MARKDOWN = "t-markdown";
    static final String LONG_TITLE = "t-long";
    static final String OLD = "t-old";
    static final String LECUN = "t-lecun";

    private Fixtures() {}

    static List<Paper> all() {
        List<Paper> all = new ArrayList<>(hfPapers());
        all.addAll(handWritten());
        return all;
    }

    static List<Paper> hfPapers() {
        try (InputStream in = Fixtures.class.getResourceAsStream("/search/hf_daily_papers_2026-06.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Paper> papers = new ArrayList<>();
            for (JsonNode item : root) {
                JsonNode p = item.get("paper");
                List<String> authors = new ArrayList<>();
                p.path("authors").forEach(a -> authors.add(a.get("name").asText()));
                papers.add(paper(
                        p.get("id").asText(),
                        flat(p.get("title").asText()),
                        flat(p.get("summary").asText()),
                        authors,
                        LocalDate.parse(p.get("publishedAt").asText().substring(0, 10)),
                        p.path("upvotes").asInt()));
            }
            return papers;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Paper> handWritten() {
        return List.of(
                paper(
                        PROTEIN_A,
                        "Protein Folding with Graph Neural Networks",
                        "We predict protein tertiary structure from amino acid sequences using graph neural networks "
                                + "over residue contact graphs. Message passing between residues captures folding constraints "
                                + "and improves structure prediction accuracy on protein benchmarks.",
                        List.of("Ada Lovelace"),
                        LocalDate.of(2026, 5, 1),
                        3),
                paper(
                        PROTEIN_B,
                        "Graph Neural Networks Predict Protein Structure from Residue Contacts",
                        "Residue contact graphs and message passing graph neural networks predict protein structure. "
                                + "Our folding model learns amino acid interactions and beats baselines on protein structure benchmarks.",
                        List.of("Grace Hopper"),
                        LocalDate.of(2026, 5, 2),
                        1),
                paper(
                        MARKDOWN,
                        "Markdown Characters in Zebrafish Abstracts",
                        "We study zebrafish with a *novel* score_function and the ~tilde~ and `code` marks. "
                                + "Zebrafish larvae are imaged under a microscope.",
                        List.of(),
                        LocalDate.of(2026, 4, 1),
                        0),
                paper(
                        LONG_TITLE,
                        "A Very Long Title About Hierarchical Reinforcement Learning That Keeps Going Well Beyond "
                                + "The One Hundred Character Limit That Discord Imposes On Choices",
                        "Hierarchical reinforcement learning with options. "
                                + "Long abstract sentence about options. ".repeat(40),
                        List.of(),
                        LocalDate.of(2026, 3, 1),
                        0),
                paper(
                        OLD,
                        "Quantum Entanglement of Photons in Old Experiments",
                        "An old paper about quantum entanglement of photons.",
                        List.of(),
                        LocalDate.of(2020, 1, 1),
                        0),
                paper(
                        LECUN,
                        "Energy-Based Self-Supervised Learning",
                        "Energy-based models for self-supervised learning of representations.",
                        List.of("Yann LeCun", "Someone Else"),
                        LocalDate.of(2026, 6, 1),
                        50));
    }

    static Paper paper(String id, String title, String abs, List<String> authors, LocalDate published, int upvotes) {
        return new Paper(
                id, null, title, abs, authors, null, null, published, upvotes, null, List.of("test"), null, null);
    }

    private static String flat(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }
}
