package dev.paperclub.console;

import dev.paperclub.command.Attachment;
import dev.paperclub.command.CommandDefinitions;
import dev.paperclub.command.CommandDefinitions.CommandDef;
import dev.paperclub.command.CommandDefinitions.OptionDef;
import dev.paperclub.command.CommandException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses console lines in Discord's own syntax: {@code /search query:linear attention limit:3}.
 * A value runs to the next {@code " name:"} where name is one of that command's options, so
 * {@code /paper paper:Titans: Learning to Memorize} keeps its colon; quotes around a value are
 * allowed. A command with one required option also takes a bare value ({@code /search mamba}).
 */
public final class ConsoleParser {
    /** A parsed line: the command key ("search", "admin remove") and raw option values. */
    public record Parsed(String name, String subcommand, Map<String, Object> options) {
        public String key() {
            return subcommand == null ? name : name + " " + subcommand;
        }
    }

    private final CommandDefinitions definitions;

    public ConsoleParser(CommandDefinitions definitions) {
        this.definitions = definitions;
    }

    public Parsed parse(String line) {
        String s = line.strip();
        if (!s.startsWith("/"))
            throw new CommandException("Commands start with `/`, e.g. `/search query:linear attention`. Type `/help`.");
        s = s.substring(1);
        String name = firstWord(s);
        String rest = s.substring(name.length()).strip();
        if (name.isEmpty()) throw new CommandException("Type a command after `/`, e.g. `/help`.");
        String sub = null;
        if (definitions.get(name).isEmpty()) {
            String candidate = firstWord(rest);
            String group = name + " " + candidate;
            if (!candidate.isEmpty() && definitions.get(group).isPresent()) {
                sub = candidate;
                rest = rest.substring(candidate.length()).strip();
            } else if (!candidate.isEmpty() && definitions.keys().stream().anyMatch(k -> k.startsWith(group + " "))) {
                // a subcommand group: /admin feed add
                String inGroup = rest.substring(candidate.length()).strip();
                String second = firstWord(inGroup);
                if (second.isEmpty() || definitions.get(group + " " + second).isEmpty()) throw needsSubcommand(group);
                sub = candidate + " " + second;
                rest = inGroup.substring(second.length()).strip();
            } else if (definitions.keys().stream().anyMatch(k -> k.startsWith(name + " "))) {
                throw needsSubcommand(name);
            } else {
                throw new CommandException("Unknown command `/" + name + "`. Type `/help` for the list.");
            }
        }
        CommandDef def = definitions.get(sub == null ? name : name + " " + sub).orElseThrow();
        return new Parsed(name, sub, options(def, rest));
    }

    /** "`/admin` needs a subcommand: ingest, remove, …" for a command or a subcommand group typed alone. */
    private CommandException needsSubcommand(String prefix) {
        return new CommandException("`/" + prefix + "` needs a subcommand: "
                + String.join(
                        ", ",
                        definitions.keys().stream()
                                .filter(k -> k.startsWith(prefix + " "))
                                .map(k -> k.substring(prefix.length() + 1))
                                .toList())
                + ".");
    }

    private static Map<String, Object> options(CommandDef def, String rest) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (rest.isEmpty()) return out;
        if (def.options().isEmpty()) throw new CommandException("`/" + def.key() + "` takes no options.");
        String names = String.join(
                "|", def.options().stream().map(o -> Pattern.quote(o.name())).toList());
        Matcher m = Pattern.compile("(?:^|\\s)(" + names + "):").matcher(rest);
        List<int[]> at = new ArrayList<>();
        // A value that opens with a quote runs to its closing quote: " name:" inside it is text.
        int quotedUntil = closingQuote(rest, 0);
        while (m.find()) {
            if (m.start(1) < quotedUntil) continue;
            at.add(new int[] {m.start(1), m.end()});
            quotedUntil = closingQuote(rest, m.end());
        }
        if (at.isEmpty() || !rest.substring(0, at.get(0)[0]).isBlank()) {
            String lead = at.isEmpty() ? rest : rest.substring(0, at.get(0)[0]).strip();
            Matcher unknown = Pattern.compile("^([a-z][a-z0-9_-]*):").matcher(lead);
            if (unknown.find()) {
                throw new CommandException("`/" + def.key() + "` has no option `" + unknown.group(1) + "`. Options: "
                        + String.join(
                                ", ",
                                def.options().stream().map(OptionDef::name).toList()) + ".");
            }
            List<OptionDef> required =
                    def.options().stream().filter(OptionDef::required).toList();
            if (required.size() != 1) {
                throw new CommandException(
                        "Name the option, e.g. `" + def.options().get(0).name() + ":value`.");
            }
            put(out, def, required.get(0).name(), lead);
        }
        for (int i = 0; i < at.size(); i++) {
            String optName = rest.substring(at.get(i)[0], at.get(i)[1] - 1);
            int end = i + 1 < at.size() ? at.get(i + 1)[0] : rest.length();
            if (out.containsKey(optName)) throw new CommandException("`" + optName + "` is given twice.");
            put(out, def, optName, rest.substring(at.get(i)[1], end).strip());
        }
        return out;
    }

    private static void put(Map<String, Object> out, CommandDef def, String name, String raw) {
        // quotes wrap console values, except in search queries where they mean a phrase
        String v = name.equals("query") ? raw.strip() : unquote(raw);
        if (v.isEmpty()) return; // an empty value is as if not given; a required one is then reported missing
        OptionDef o = def.option(name).orElseThrow();
        switch (o.type()) {
            case INTEGER -> {
                try {
                    out.put(name, Long.parseLong(v));
                } catch (NumberFormatException e) {
                    throw new CommandException("`" + name + "` must be a whole number, not `" + v + "`.");
                }
            }
            case BOOLEAN ->
                out.put(
                        name,
                        switch (v.toLowerCase(java.util.Locale.ROOT)) {
                            case "true", "yes", "on" -> Boolean.TRUE;
                            case "false", "no", "off" -> Boolean.FALSE;
                            default ->
                                throw new CommandException("`" + name + "` must be true or false, not `" + v + "`.");
                        });
            case ATTACHMENT -> out.put(name, localFile(name, v));
            default -> out.put(name, v);
        }
    }

    /** At the console an attachment is a file on this machine, named by its path. */
    private static Attachment localFile(String option, String path) {
        Path file;
        try {
            file = Path.of(path);
        } catch (InvalidPathException e) {
            throw new CommandException("`" + option + "`: `" + path + "` is not a valid path.");
        }
        if (!Files.isRegularFile(file)) throw new CommandException("`" + option + "`: no file at `" + path + "`.");
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new CommandException("`" + option + "`: cannot read `" + path + "`: " + e.getMessage());
        }
        Path name = file.getFileName();
        return new Attachment(file.toString(), name == null ? path : name.toString(), size, null, true);
    }

    /** Where the quoted value starting at {@code from} (after spaces) closes; -1 when it is not quoted or never closes. */
    private static int closingQuote(String s, int from) {
        int v = from;
        while (v < s.length() && s.charAt(v) == ' ') v++;
        if (v >= s.length() || (s.charAt(v) != '"' && s.charAt(v) != '\'')) return -1;
        return s.indexOf(s.charAt(v), v + 1);
    }

    static String unquote(String v) {
        String t = v.strip();
        if (t.length() >= 2 && ((t.startsWith("\"") && t.endsWith("\"")) || (t.startsWith("'") && t.endsWith("'")))) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }

    private static String firstWord(String s) {
        int i = 0;
        while (i < s.length() && !Character.isWhitespace(s.charAt(i))) i++;
        return s.substring(0, i);
    }
}
