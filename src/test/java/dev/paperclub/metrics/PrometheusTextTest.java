package dev.paperclub.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test parser is strict: what the exposition format forbids does not parse. */
final class PrometheusTextTest {
    private static final String HISTOGRAM =
            """
            # HELP d_seconds Time\\\\taken\\nper call
            # TYPE d_seconds histogram
            d_seconds_bucket{le="0.1"} 1
            d_seconds_bucket{le="1.0"} 3
            d_seconds_bucket{le="+Inf"} 4
            d_seconds_count 4
            d_seconds_sum 7.5
            """;

    @Test
    void readsFamiliesLabelsEscapesAndSpecialValues() {
        var m = PrometheusText.parse(
                HISTOGRAM
                        + """
                # TYPE c_total counter
                c_total{a="x\\"y\\\\z\\n",b="2",} 3 1700000000000
                # a comment
                u NaN
                g -Inf
                """);
        assertEquals("histogram", m.get("d_seconds").type());
        assertEquals("Time\\taken\nper call", m.get("d_seconds").help());
        assertEquals(4, m.get("d_seconds").value("d_seconds_count", Map.of()));
        assertEquals(3, m.get("c_total").value("c_total", Map.of("a", "x\"y\\z\n", "b", "2")));
        assertEquals("untyped", m.get("u").type());
        assertEquals(Double.NEGATIVE_INFINITY, m.get("g").value("g", Map.of()));
    }

    @Test
    void refusesWhatTheFormatForbids() {
        String[] bad = {
            "1abc 1\n", // name starts with a digit
            "a{1b=\"x\"} 1\n", // label name
            "a{b=x} 1\n", // unquoted label value
            "a{b=\"x\\t\"} 1\n", // escape other than \\ \" \n
            "a{b=\"x\"} one\n", // value
            "a 1 12.5\n", // timestamp
            "a 1", // no final newline
            "a 1\na 2\n", // duplicate sample
            "a 1\nb 1\na{x=\"1\"} 2\n", // not one group
            "a 1\n# TYPE a gauge\n", // TYPE after samples
            "# TYPE a gauge\n# TYPE a counter\na 1\n", // TYPE twice
            "# TYPE a histogram\na 1\n", // histogram without suffix
            "# TYPE a gauge\na_bucket{le=\"1\"} 1\n", // a gauge has no _bucket samples
            "# TYPE c counter\nc -1\n", // negative counter
            HISTOGRAM.replace("d_seconds_bucket{le=\"+Inf\"} 4\n", ""), // no +Inf
            HISTOGRAM.replace("d_seconds_count 4", "d_seconds_count 5"), // +Inf != count
            HISTOGRAM.replace("{le=\"1.0\"} 3", "{le=\"1.0\"} 0"), // not cumulative
            HISTOGRAM.replace("{le=\"1.0\"}", "{le=\"0.05\"}"), // not sorted
        };
        for (String text : bad) {
            assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse(text), text);
        }
    }
}
