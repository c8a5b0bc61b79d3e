package dev.paperclub.summary.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One SciTLDR paper (abstract sentences and reference TL;DRs) and a reader for its JSON Lines splits. */
public record SciTldr(String paperId, String title, List<String> source, List<String> target) {

    public SciTldr {
        source = List.copyOf(source);
        target = List.copyOf(target);
    }

    public static List<SciTldr> read(Path path) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<SciTldr> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = json.readTree(line);
                out.add(new SciTldr(
                        n.path("paper_id").asText(),
                        n.path("title").asText(""),
                        strings(n.path("source")),
                        strings(n.path("target"))));
            }
        }
        return out;
    }

    private static List<String> strings(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(x -> out.add(x.asText()));
        return out;
    }
}
