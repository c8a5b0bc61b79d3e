package dev.paperclub.ingest;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Date helpers shared by the parsers: HF's "Oct 3, 2025" and year-less "Mar 19". */
final class Dates {
    /** "Oct 3, 2025", "Mar 19", each optionally followed by an upvote count. */
    static final Pattern HF_DATE = Pattern.compile(
            "^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.? (\\d{1,2})(?:, (\\d{4}))?(?: (\\d{1,9}))?$");

    private Dates() {}

    /** A parsed HF date line: the date (resolved) and the upvotes when present. */
    record HfDate(LocalDate date, Integer upvotes) {}

    static Optional<HfDate> parseHfDate(String line, LocalDate reference) {
        Matcher m = HF_DATE.matcher(line.strip());
        if (!m.matches()) return Optional.empty();
        Month month = month(m.group(1));
        int day = Integer.parseInt(m.group(2));
        Integer upvotes = m.group(4) == null ? null : Integer.valueOf(m.group(4));
        try {
            if (m.group(3) != null) {
                return Optional.of(new HfDate(LocalDate.of(Integer.parseInt(m.group(3)), month, day), upvotes));
            }
            return Optional.of(new HfDate(resolveYear(MonthDay.of(month, day), reference), upvotes));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The latest date with this month and day that is not after {@code reference}. */
    static LocalDate resolveYear(MonthDay md, LocalDate reference) {
        for (int year = reference.getYear(); year > reference.getYear() - 8; year--) {
            if (!md.isValidYear(year)) continue; // Feb 29
            LocalDate d = md.atYear(year);
            if (!d.isAfter(reference)) return d;
        }
        return md.atYear(reference.getYear() - 1);
    }

    private static Month month(String abbrev) {
        String a = abbrev.substring(0, 3).toUpperCase(Locale.ROOT);
        for (Month m : Month.values()) {
            if (m.name().startsWith(a)) return m;
        }
        throw new IllegalArgumentException(abbrev);
    }

    /** The date part of an ISO timestamp or date ("2026-05-30T00:00:00.000Z"), if it is one. */
    static Optional<LocalDate> isoDate(String s) {
        if (s == null || s.length() < 10) return Optional.empty();
        try {
            return Optional.of(LocalDate.parse(s.substring(0, 10)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
