package dev.paperclub.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.paperclub.util.Json;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CommandDefinitionsTest {
    private static final Pattern NAME = Pattern.compile("^[-_\\p{L}\\p{N}]{1,32}$");

    @Test
    void theBundledDefinitionsFollowDiscordsRules() throws Exception {
        CommandDefinitions defs = CommandDefinitions.load(Path.of("commands"));
        assertEquals(List.of(), defs.validate());
        ArrayNode all = defs.json();
        assertTrue(all.size() >= 8);
        for (JsonNode cmd : all) checkCommand(cmd, 0);
    }

    @Test
    void definitionsInsideAJarReadAsOnDisk(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("bundle.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("commands/"));
            List<Path> files;
            try (var s = Files.list(Path.of("commands"))) {
                files = s.sorted(Comparator.reverseOrder()).toList(); // jar order must not matter
            }
            for (Path f : files) {
                out.putNextEntry(new JarEntry("commands/" + f.getFileName()));
                out.write(Files.readAllBytes(f));
            }
            // neither a nested folder nor another folder's JSON is a command definition
            out.putNextEntry(new JarEntry("commands/drafts/extra.json"));
            out.write("{\"name\":\"extra\"}".getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new JarEntry("other/commands.json"));
            out.write("[]".getBytes(StandardCharsets.UTF_8));
        }
        URL folder = new URL("jar:" + jar.toUri() + "!/commands");
        assertEquals(
                CommandDefinitions.load(Path.of("commands")).json(),
                CommandDefinitions.loadFrom(folder).json());
    }

    @Test
    void anOptionsDeclaredBoundsAreTheOnesChecked(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("t.json"),
                """
                {"name": "t", "type": 1, "description": "A test command", "contexts": [0], "options": [
                  {"type": 4, "name": "count", "description": "How many", "min_value": 1},
                  {"type": 3, "name": "word", "description": "A word", "min_length": 3, "max_length": 5}]}""");
        CommandDefinitions defs = CommandDefinitions.load(dir);
        assertEquals(List.of(), defs.validate());
        CommandDefinitions.OptionDef count = defs.option("t", "count");
        assertEquals(700, count.checkInteger(700));
        assertEquals(
                "`count` must be at least 1.",
                assertThrows(CommandException.class, () -> count.checkInteger(0))
                        .getMessage());
        CommandDefinitions.OptionDef word = defs.option("t", "word");
        assertEquals("abc", word.checkLength("abc", 2000));
        assertEquals(
                "`word` is too short (at least 3 characters).",
                assertThrows(CommandException.class, () -> word.checkLength("ab", 2000))
                        .getMessage());
        assertEquals(
                "`word` is too long (at most 5 characters).",
                assertThrows(CommandException.class, () -> word.checkLength("abcdef", 2000))
                        .getMessage());

        Files.writeString(
                dir.resolve("t.json"),
                """
                {"name": "t", "type": 1, "description": "A test command", "contexts": [0], "options": [
                  {"type": 4, "name": "count", "description": "How many", "min_length": 1},
                  {"type": 3, "name": "word", "description": "A word", "min_length": 6, "max_length": 5}]}""");
        List<String> problems = CommandDefinitions.load(dir).validate();
        assertTrue(
                problems.stream().anyMatch(p -> p.contains("count") && p.contains("non-string")), problems.toString());
        assertTrue(
                problems.stream().anyMatch(p -> p.contains("word") && p.contains("min_length above max_length")),
                problems.toString());
    }

    /** Independent of the validator: Discord's documented limits, checked directly on the JSON. */
    private static void checkCommand(JsonNode node, int depth) {
        String name = node.get("name").asText();
        assertTrue(NAME.matcher(name).matches() && name.equals(name.toLowerCase()), name);
        String d = node.get("description").asText();
        assertTrue(d.length() >= 1 && d.length() <= 100, name + " description length " + d.length());
        if (depth == 0) assertEquals("[0]", node.get("contexts").toString(), name + " is guild-only");
        JsonNode opts = node.path("options");
        assertTrue(opts.size() <= 25);
        boolean optional = false;
        for (JsonNode o : opts) {
            int type = o.get("type").asInt();
            if (type == 1) {
                checkCommand(o, depth + 1);
                continue;
            }
            checkCommand(o, 2);
            boolean req = o.path("required").asBoolean(false);
            assertTrue(!(req && optional), name + ": required option " + o.get("name") + " after an optional one");
            optional |= !req;
        }
    }

    @Test
    void theValidatorCatchesBrokenDefinitions() {
        ArrayNode bad = (ArrayNode) Json.MAPPER.valueToTree(List.of(java.util.Map.of(
                "name",
                "Bad Name",
                "type",
                1,
                "description",
                "x".repeat(101),
                "options",
                List.of(
                        java.util.Map.of("type", 3, "name", "a", "description", "A", "required", false),
                        java.util.Map.of("type", 3, "name", "b", "description", "B", "required", true)))));
        List<String> problems = CommandDefinitions.of(bad).validate();
        assertTrue(problems.stream().anyMatch(p -> p.contains("Bad Name")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("1-100 characters")), problems.toString());
        assertTrue(
                problems.stream().anyMatch(p -> p.contains("required option must come before")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("\"contexts\": [0]")), "guild-only: " + problems);
    }

    @Test
    void aDefinitionWithoutHandlerOrAHandlerWithoutDefinitionStopsTheStart(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("a.json"),
                "{\"name\":\"orphan\",\"type\":1,\"description\":\"No handler\",\"contexts\":[0]}");
        CommandDefinitions defs = CommandDefinitions.load(dir);
        CommandHandler extra = mock(CommandHandler.class);
        when(extra.key()).thenReturn("ghost");
        // the start stops before anything is authorized, refused or audited
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> new CommandService(
                        defs,
                        List.of(extra),
                        List.of(),
                        null,
                        mock(Authorizer.class),
                        mock(RefusalListener.class),
                        mock(AuditSink.class),
                        new RateLimiter(10, com.github.benmanes.caffeine.cache.Ticker.systemTicker()),
                        new dev.paperclub.metrics.Metrics()));
        assertTrue(e.getMessage().contains("/orphan") && e.getMessage().contains("no handler"), e.getMessage());
        assertTrue(e.getMessage().contains("/ghost") && e.getMessage().contains("no definition"), e.getMessage());
    }
}
