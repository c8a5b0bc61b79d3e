package dev.paperclub.command;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code since} option of {@code /search} and the CLI's {@code search}: from which date papers count. */
public final class SinceOption {
    private static final Pattern AGE = Pattern.compile("(\\d{1,4})([dwmy])");

    private SinceOption() {}

    /**
     * Parses a {@code since} option: an ISO date ({@code 2024-01-31}) or an age counted back
     * from today: {@code 7d}, {@code 2w}, {@code 3m} (months), {@code 1y}.
     *
     * @throws IllegalArgumentException with a message fit to show the user
     */
    public static LocalDate parse(String s, Clock clock) {
        String v = s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
        if (v.matches("\\d{4}-\\d{2}-\\d{2}")) {
            try {
                return LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + s + "' is not a real date; use YYYY-MM-DD, e.g. 2024-01-31");
            }
        }
        Matcher m = AGE.matcher(v);
        if (m.matches()) {
            int n = Integer.parseInt(m.group(1));
            LocalDate today = LocalDate.now(clock);
            return switch (m.group(2)) {
                case "d" -> today.minusDays(n);
                case "w" -> today.minusWeeks(n);
                case "m" -> today.minusMonths(n);
                default -> today.minusYears(n);
            };
        }
        throw new IllegalArgumentException("since must be a date like 2024-01-31 or an age like 7d, 2w, 3m or 1y; got '"
                + (s == null ? "" : s.strip()) + "'");
    }
}
