package dev.paperclub.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Reads an app's metrics as a scrape would: the Prometheus text, through the strict parser. */
public final class Scrapes {
    private Scrapes() {}

    /** The sample of the counter or gauge {@code name} with exactly {@code labels}. */
    public static double value(Metrics metrics, String name, Map<String, String> labels) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try {
            metrics.writeText(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return PrometheusText.parse(text.toString(StandardCharsets.UTF_8))
                .get(name)
                .value(name, labels);
    }
}
