package dev.paperclub.summary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks 5-8 keyphrases verbatim from title and abstract. Candidates are runs of up to four
 * words not broken by punctuation, function words or reporting verbs (a cheap stand-in for
 * noun phrases without a tagger); they are ranked by IDF, frequency, presence in the title,
 * multi-word length and acronym shape, and a phrase whose stems repeat or contain an already
 * chosen phrase's stems is skipped.
 */
final class KeywordExtractor {

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}](?:[\\p{L}\\p{N}'’-]*[\\p{L}\\p{N}])?");
    private static final int MAX_WORDS = 4;
    private static final int MIN_KEYWORDS = 5;
    private static final int MAX_KEYWORDS = 8;

    /** Reporting verbs and vague modifiers that end a phrase the way function words do. */
    private static final Set<String> BREAKERS = Set.copyOf(List.of(
            "propose",
            "proposes",
            "proposed",
            "show",
            "shows",
            "shown",
            "showed",
            "present",
            "presents",
            "presented",
            "introduce",
            "introduces",
            "introduced",
            "demonstrate",
            "demonstrates",
            "demonstrated",
            "achieve",
            "achieves",
            "achieved",
            "improve",
            "improves",
            "improved",
            "outperform",
            "outperforms",
            "outperformed",
            "enable",
            "enables",
            "allow",
            "allows",
            "provide",
            "provides",
            "provided",
            "require",
            "requires",
            "required",
            "perform",
            "performs",
            "obtain",
            "obtains",
            "yield",
            "yields",
            "make",
            "makes",
            "made",
            "called",
            "named",
            "known",
            "given",
            "compared",
            "leads",
            "lead",
            "find",
            "finds",
            "found",
            "study",
            "studies",
            "investigate",
            "investigates",
            "consider",
            "considers",
            "explore",
            "explores",
            "develop",
            "develops",
            "describe",
            "describes",
            "evaluate",
            "evaluates",
            "apply",
            "applies",
            "applied",
            "novel",
            "new",
            "different",
            "various",
            "existing",
            "several",
            "previous",
            "recent",
            "recently",
            "simple",
            "significant",
            "significantly",
            "substantially",
            "often",
            "typically",
            "widely",
            "able",
            "like",
            "including",
            "include",
            "includes",
            "particular",
            "specific",
            "first",
            "second",
            "paper",
            "work",
            "approach",
            "approaches",
            "method",
            "methods",
            "results",
            "result",
            "way",
            "ways",
            "number",
            "set",
            "problem",
            "problems",
            "task",
            "tasks",
            "show",
            "art",
            "state",
            "key",
            "important",
            "main",
            "large",
            "small",
            "high",
            "low",
            "better",
            "best",
            "good",
            "strong",
            "wide",
            "range",
            "variety",
            "help",
            "helps",
            "need",
            "needs",
            "existing",
            "successful",
            "success",
            "able",
            "due",
            "toward",
            "towards",
            "although",
            "because"));

    /** Too vague to be a keyword on their own, fine inside a phrase ("language model"). */
    private static final Set<String> WEAK_ALONE = Set.copyOf(List.of(
            "model",
            "models",
            "learning",
            "network",
            "networks",
            "data",
            "performance",
            "training",
            "framework",
            "algorithm",
            "algorithms",
            "system",
            "systems",
            "accuracy",
            "experiments",
            "experiment",
            "information",
            "analysis",
            "technique",
            "techniques",
            "process",
            "function",
            "time",
            "order",
            "case",
            "terms",
            "use",
            "end",
            "level",
            "parameters",
            "features"));

    private record Candidate(String surface, List<String> stems, String key, int firstPos, double score) {}

    private final IdfTable idf;

    KeywordExtractor(IdfTable idf) {
        this.idf = idf;
    }

    List<String> extract(String title, String abstractText) {
        String text = (title == null ? "" : title) + "\n" + (abstractText == null ? "" : abstractText);
        int titleEnd = title == null ? 0 : title.length();
        List<int[]> spans = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        // Each word's breaker test and stems, once: a phrase's words are single-space-joined words,
        // so its stems are theirs end to end (the same as stemming the phrase's text).
        boolean[] breaker = new boolean[spans.size()];
        List<List<String>> wordStems = new ArrayList<>(spans.size());
        for (int i = 0; i < spans.size(); i++) {
            breaker[i] = isBreaker(text, spans.get(i));
            wordStems.add(breaker[i] ? List.of() : Text.stems(text.substring(spans.get(i)[0], spans.get(i)[1])));
        }
        Map<String, Candidate> byKey = new LinkedHashMap<>();
        Map<String, Integer> freq = new HashMap<>();
        Map<String, Boolean> inTitle = new HashMap<>();
        List<Candidate> raw = new ArrayList<>();
        int runStart = 0;
        for (int i = 0; i <= spans.size(); i++) {
            boolean ends =
                    i == spans.size() || breaker[i] || (i > runStart && !joined(text, spans.get(i - 1), spans.get(i)));
            if (!ends) {
                continue;
            }
            // tokens runStart..i-1 form a run of phrase words
            for (int a = runStart; a < i; a++) {
                List<String> stems = List.of();
                for (int b = a; b < i && b - a < MAX_WORDS; b++) {
                    String surface = text.substring(spans.get(a)[0], spans.get(b)[1]);
                    stems = concat(stems, wordStems.get(b));
                    String key = String.join(" ", stems);
                    freq.merge(key, 1, Integer::sum);
                    if (spans.get(a)[0] < titleEnd) {
                        inTitle.put(key, true);
                    }
                    raw.add(new Candidate(surface, stems, key, spans.get(a)[0], 0));
                }
            }
            runStart = i < spans.size() && breaker[i] ? i + 1 : i;
        }
        for (Candidate c : raw) {
            if (byKey.containsKey(c.key()) || !acceptable(c.surface())) {
                continue;
            }
            byKey.put(
                    c.key(),
                    new Candidate(
                            c.surface(),
                            c.stems(),
                            c.key(),
                            c.firstPos(),
                            score(c.surface(), c.stems(), freq.get(c.key()), inTitle.containsKey(c.key()))));
        }
        List<Candidate> ranked = new ArrayList<>(byKey.values());
        ranked.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparingInt(Candidate::firstPos));
        List<Candidate> chosen = new ArrayList<>();
        double best = ranked.isEmpty() ? 0 : ranked.get(0).score();
        for (Candidate c : ranked) {
            if (chosen.size() >= MAX_KEYWORDS || (chosen.size() >= MIN_KEYWORDS && c.score() < 0.4 * best)) {
                break;
            }
            boolean dup = false;
            for (Candidate o : chosen) {
                if (containsRun(o.stems(), c.stems()) || containsRun(c.stems(), o.stems())) {
                    dup = true;
                    break;
                }
            }
            if (!dup) {
                chosen.add(c);
            }
        }
        List<String> out = new ArrayList<>(chosen.size());
        for (Candidate c : chosen) {
            out.add(c.surface());
        }
        return out;
    }

    private double score(String surface, List<String> stems, int freq, boolean inTitle) {
        double idfSum = 0;
        for (String s : stems) {
            idfSum += idf.idf(s);
        }
        double meanIdf = idfSum / stems.size();
        double lengthBonus =
                switch (stems.size()) {
                    case 1 -> 1.0;
                    case 2 -> 1.5;
                    case 3 -> 1.6;
                    default -> 1.4;
                };
        double s = meanIdf * lengthBonus * (1 + Math.log(freq));
        if (inTitle) {
            s *= 1.6;
        }
        if (stems.size() == 1 && isAcronym(surface)) {
            s *= 1.5;
        }
        return s;
    }

    private static boolean acceptable(String surface) {
        String lower = surface.toLowerCase(Locale.ROOT);
        List<String> words = Text.words(lower);
        if (words.isEmpty() || surface.length() < 3 || surface.length() > 60) {
            return false;
        }
        if (words.size() == 1) {
            if (WEAK_ALONE.contains(lower) || (words.get(0).length() < 4 && !isAcronym(surface))) {
                return false;
            }
        }
        // a phrase must be word-like, not a number or "x1"
        return Character.isLetter(surface.charAt(0)) && Character.isLetterOrDigit(surface.charAt(surface.length() - 1));
    }

    private static List<String> concat(List<String> head, List<String> tail) {
        List<String> out = new ArrayList<>(head.size() + tail.size());
        out.addAll(head);
        out.addAll(tail);
        return out;
    }

    private static boolean isAcronym(String w) {
        int upper = 0;
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (Character.isUpperCase(c)) {
                upper++;
            } else if (!(Character.isDigit(c) || c == '-' || (c == 's' && i == w.length() - 1))) {
                return false;
            }
        }
        return upper >= 2;
    }

    private static boolean isBreaker(String text, int[] span) {
        String w = text.substring(span[0], span[1]);
        String lower = w.toLowerCase(Locale.ROOT);
        if (Stopwords.isStop(lower) || BREAKERS.contains(lower)) {
            return true;
        }
        if (lower.endsWith("ly") && lower.length() > 4) {
            return true; // adverbs
        }
        boolean digitsOnly = true;
        for (int i = 0; i < w.length(); i++) {
            if (!Character.isDigit(w.charAt(i)) && w.charAt(i) != '-') {
                digitsOnly = false;
                break;
            }
        }
        return digitsOnly;
    }

    /** Two words belong to one phrase only if a single space separates them. */
    private static boolean joined(String text, int[] a, int[] b) {
        return b[0] == a[1] + 1 && text.charAt(a[1]) == ' ';
    }

    private static boolean containsRun(List<String> big, List<String> small) {
        if (small.size() > big.size()) {
            return false;
        }
        for (int i = 0; i + small.size() <= big.size(); i++) {
            if (big.subList(i, i + small.size()).equals(small)) {
                return true;
            }
        }
        return false;
    }
}
