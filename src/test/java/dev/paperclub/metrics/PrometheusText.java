package dev.paperclub.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format (version 0.0.4), written from the
 * format's specification ("Exposition formats", text format details) because no artifact served
 * here parses it. Anything the specification does not allow throws {@link IllegalArgumentException}
 * with the line: malformed names, labels, escapes or values; a TYPE after its samples or twice;
 * samples of one metric not in one group; a sample name that does not belong to its metric's type;
 * duplicate samples; histograms whose buckets are not cumulative, not sorted, without
 * {@code le="+Inf"}, or whose {@code +Inf} bucket differs from {@code _count}.
 */
public final class PrometheusText {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern TIMESTAMP = Pattern.compile("-?[0-9]+");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    /** A metric family: its name, type, help and samples, in the order they came. */
    public record Family(String name, String type, String help, List<Sample> samples) {
        /** The one sample named {@code name} with exactly these labels. */
        public double value(String sampleName, Map<String, String> labels) {
            return samples.stream()
                    .filter(s -> s.name().equals(sampleName) && s.labels().equals(labels))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no sample " + sampleName + labels + " in " + samples))
                    .value();
        }

        /** The sum of the samples named {@code sampleName}. */
        public double sum(String sampleName) {
            return samples.stream()
                    .filter(s -> s.name().equals(sampleName))
                    .mapToDouble(Sample::value)
                    .sum();
        }
    }

    private final Map<String, Family> families = new LinkedHashMap<>();
    private final Map<String, String> typeByFamily = new TreeMap<>();
    private final Map<String, String> helpByFamily = new TreeMap<>();
    private final Set<String> seenSamples = new java.util.HashSet<>();
    private final Set<String> closedFamilies = new java.util.HashSet<>();
    private String currentFamily;

    private PrometheusText() {}

    /** Parses a whole exposition; families by name. */
    public static Map<String, Family> parse(String text) {
        PrometheusText p = new PrometheusText();
        if (!text.isEmpty() && !text.endsWith("\n")) throw new IllegalArgumentException("the last line has no '\\n'");
        int no = 0;
        for (String line : text.split("\n", -1)) {
            no++;
            try {
                p.line(line);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + no + " '" + line + "': " + e.getMessage(), e);
            }
        }
        p.families.values().forEach(PrometheusText::checkFamily);
        return p.families;
    }

    private void line(String line) {
        if (line.isBlank()) return;
        if (line.startsWith("#")) {
            String[] t = line.substring(1).strip().split("[ \t]+", 3);
            if (t.length >= 2 && (t[0].equals("HELP") || t[0].equals("TYPE"))) {
                String name = t[1];
                if (!METRIC_NAME.matcher(name).matches()) throw new IllegalArgumentException("bad metric name");
                String rest = t.length == 3 ? t[2] : "";
                if (t[0].equals("TYPE")) {
                    if (!TYPES.contains(rest)) throw new IllegalArgumentException("unknown type '" + rest + "'");
                    if (typeByFamily.containsKey(name)) throw new IllegalArgumentException("a second TYPE");
                    if (families.containsKey(name)) throw new IllegalArgumentException("TYPE after its samples");
                    typeByFamily.put(name, rest);
                } else {
                    if (helpByFamily.containsKey(name)) throw new IllegalArgumentException("a second HELP");
                    helpByFamily.put(name, unescapeHelp(rest));
                }
                enter(name);
            }
            return; // any other comment is ignored, as the format says
        }
        sample(line);
    }

    /** Samples of a family come in one group: once another family starts, this one is closed. */
    private void enter(String family) {
        if (family.equals(currentFamily)) return;
        if (closedFamilies.contains(family)) throw new IllegalArgumentException(family + " is not in one group");
        if (currentFamily != null) closedFamilies.add(currentFamily);
        currentFamily = family;
    }

    private void sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ' && line.charAt(i) != '\t') i++;
        String name = line.substring(0, i);
        if (!METRIC_NAME.matcher(name).matches()) throw new IllegalArgumentException("bad metric name '" + name + "'");
        Map<String, String> labels = new TreeMap<>();
        if (i < line.length() && line.charAt(i) == '{') i = labels(line, i + 1, labels);
        String[] rest = line.substring(i).strip().split("[ \t]+");
        if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty())
            throw new IllegalArgumentException("expected a value and an optional timestamp");
        double value = value(rest[0]);
        if (rest.length == 2 && !TIMESTAMP.matcher(rest[1]).matches())
            throw new IllegalArgumentException("bad timestamp '" + rest[1] + "'");
        String family = familyOf(name);
        enter(family);
        if (!seenSamples.add(name + labels)) throw new IllegalArgumentException("duplicate sample");
        families.computeIfAbsent(
                        family,
                        f -> new Family(
                                f, typeByFamily.getOrDefault(f, "untyped"), helpByFamily.get(f), new ArrayList<>()))
                .samples()
                .add(new Sample(name, Map.copyOf(labels), value));
    }

    /** The family a sample name belongs to: itself, or a histogram's/summary's name before its suffix. */
    private String familyOf(String name) {
        if (typeByFamily.containsKey(name)) {
            String type = typeByFamily.get(name);
            if (type.equals("histogram")) throw new IllegalArgumentException("a histogram's sample needs a suffix");
            return name;
        }
        for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
            if (!name.endsWith(suffix)) continue;
            String base = name.substring(0, name.length() - suffix.length());
            String type = typeByFamily.get(base);
            if (type == null) continue;
            if (type.equals("histogram") || (type.equals("summary") && !suffix.equals("_bucket"))) return base;
            throw new IllegalArgumentException(name + " does not belong to the " + type + " " + base);
        }
        return name; // untyped
    }

    /** Reads {@code name="value",…}} from {@code i}; returns the index after the closing brace. */
    private static int labels(String line, int i, Map<String, String> labels) {
        while (true) {
            if (i >= line.length()) throw new IllegalArgumentException("unclosed '{'");
            if (line.charAt(i) == '}') return i + 1;
            int eq = line.indexOf('=', i);
            if (eq < 0) throw new IllegalArgumentException("a label without '='");
            String name = line.substring(i, eq).strip();
            if (!LABEL_NAME.matcher(name).matches())
                throw new IllegalArgumentException("bad label name '" + name + "'");
            if (eq + 1 >= line.length() || line.charAt(eq + 1) != '"')
                throw new IllegalArgumentException("label value not quoted");
            StringBuilder v = new StringBuilder();
            int j = eq + 2;
            while (true) {
                if (j >= line.length()) throw new IllegalArgumentException("unclosed label value");
                char c = line.charAt(j);
                if (c == '"') break;
                if (c == '\\') {
                    if (j + 1 >= line.length()) throw new IllegalArgumentException("dangling '\\'");
                    char e = line.charAt(++j);
                    switch (e) {
                        case '\\' -> v.append('\\');
                        case '"' -> v.append('"');
                        case 'n' -> v.append('\n');
                        default -> throw new IllegalArgumentException("bad escape '\\" + e + "' in a label value");
                    }
                } else {
                    v.append(c);
                }
                j++;
            }
            if (labels.put(name, v.toString()) != null) throw new IllegalArgumentException("label " + name + " twice");
            i = j + 1;
            if (i < line.length() && line.charAt(i) == ',') i++;
            else if (i >= line.length() || line.charAt(i) != '}')
                throw new IllegalArgumentException("expected ',' or '}' after a label");
        }
    }

    /** A float as Go's ParseFloat reads it, plus NaN, +Inf and -Inf. */
    static double value(String s) {
        switch (s) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
        }
        if (!s.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?"))
            throw new IllegalArgumentException("bad value '" + s + "'");
        return Double.parseDouble(s);
    }

    private static String unescapeHelp(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (i + 1 >= s.length()) throw new IllegalArgumentException("dangling '\\' in HELP");
            char e = s.charAt(++i);
            if (e == '\\') b.append('\\');
            else if (e == 'n') b.append('\n');
            else throw new IllegalArgumentException("bad escape '\\" + e + "' in HELP");
        }
        return b.toString();
    }

    /** The rules that span lines: counters are not negative, histogram buckets are cumulative up to +Inf = _count. */
    private static void checkFamily(Family f) {
        if (f.type().equals("counter")) {
            for (Sample s : f.samples()) {
                if (!(s.value() >= 0)) throw new IllegalArgumentException("counter " + s + " is negative or NaN");
            }
        }
        if (!f.type().equals("histogram")) return;
        // group by the labels other than le
        Map<Map<String, String>, List<Sample>> buckets = new LinkedHashMap<>();
        Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
        for (Sample s : f.samples()) {
            Map<String, String> rest = new TreeMap<>(s.labels());
            if (s.name().endsWith("_bucket")) {
                if (rest.remove("le") == null) throw new IllegalArgumentException(s + ": a bucket without le");
                buckets.computeIfAbsent(rest, k -> new ArrayList<>()).add(s);
            } else if (s.name().endsWith("_count")) {
                counts.put(rest, s.value());
            } else if (s.labels().containsKey("le")) {
                throw new IllegalArgumentException(s + ": le outside a bucket");
            }
        }
        for (var e : buckets.entrySet()) {
            double lastLe = Double.NEGATIVE_INFINITY;
            double lastCount = 0;
            for (Sample b : e.getValue()) {
                double le = value(b.labels().get("le"));
                if (!(le > lastLe)) throw new IllegalArgumentException(f.name() + ": buckets not sorted by le");
                if (b.value() < lastCount) throw new IllegalArgumentException(f.name() + ": buckets not cumulative");
                lastLe = le;
                lastCount = b.value();
            }
            if (lastLe != Double.POSITIVE_INFINITY) throw new IllegalArgumentException(f.name() + ": no +Inf bucket");
            Double count = counts.get(e.getKey());
            if (count == null || count != lastCount)
                throw new IllegalArgumentException(f.name() + ": +Inf bucket " + lastCount + " but _count " + count);
        }
    }
}
