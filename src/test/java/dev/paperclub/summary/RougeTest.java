package dev.paperclub.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class RougeTest {

    private static BufferedReader resource(String name) {
        InputStream in = RougeTest.class.getResourceAsStream("/summary/" + name);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + name);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    private static String f5(double x) {
        return new BigDecimal(x).setScale(5, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Every row of the real ROUGE-1.5.5 output for lead-1 on SciTLDR dev, all 9 numbers. */
    @Test
    void matchesPerlRouge155OnEveryDevLead1Row() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> papers = new HashMap<>();
        try (BufferedReader r = resource("dev_lead1_fixture.jsonl")) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode n = json.readTree(line);
                papers.put(n.get("paper_id").asText(), n);
            }
        }
        Rouge stemmed = new Rouge(true);
        Rouge plain = new Rouge(false);
        List<String> mismatches = new ArrayList<>();
        int rows = 0;
        try (BufferedReader r = resource("dev_lead1_pairs.tsv")) {
            String header = r.readLine();
            assertTrue(header.startsWith("paper_id\ttarget_index\tstemming"));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] c = line.split("\t");
                JsonNode paper = papers.get(c[0]);
                String lead = paper.get("lead1").asText();
                String target = paper.get("targets").get(Integer.parseInt(c[1])).asText();
                Rouge rouge = c[2].equals("m") ? stemmed : plain;
                Rouge.Result res = rouge.score(lead, target);
                String[] got = {
                    f5(res.rouge1().recall()), f5(res.rouge1().precision()),
                            f5(res.rouge1().f()),
                    f5(res.rouge2().recall()), f5(res.rouge2().precision()),
                            f5(res.rouge2().f()),
                    f5(res.rougeL().recall()), f5(res.rougeL().precision()),
                            f5(res.rougeL().f())
                };
                for (int k = 0; k < 9; k++) {
                    if (!got[k].equals(c[3 + k])) {
                        mismatches.add(line + " -> got " + String.join(" ", got));
                        break;
                    }
                }
                rows++;
            }
        }
        assertEquals(2906, rows);
        assertEquals(
                List.of(),
                mismatches.subList(0, Math.min(10, mismatches.size())),
                mismatches.size() + " mismatching rows");
    }

    @Test
    void perlStemmerQuirks() {
        assertEquals("depart", RougeStemmer.stem("departmental"));
        assertEquals("possibl", RougeStemmer.stem("possibly"));
        assertEquals("analog", RougeStemmer.stem("analogies"));
        assertEquals("train", RougeStemmer.stem("training"));
        assertEquals("network", RougeStemmer.stem("networks"));
    }

    @Test
    void identicalTextsScorePerfectly() {
        Rouge.Result r = new Rouge(true).score("We propose a new model .", "We propose a new model .");
        assertEquals(1.0, r.rouge1().f());
        assertEquals(1.0, r.rouge2().f());
        assertEquals(1.0, r.rougeL().f());
    }
}
