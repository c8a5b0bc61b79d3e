package dev.paperclub.summary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * A linear sentence scorer over standardized features: score = w · ((x - mean) / std). Sentences
 * of one abstract compete through a softmax at training time, so only score differences matter
 * and there is no bias term. {@code trimLeadIn} records whether the trainer found that trimming
 * "In this paper, we ..." style lead-ins helps.
 */
public record LinearModel(List<String> names, double[] mean, double[] std, double[] weights, boolean trimLeadIn) {

    public LinearModel {
        names = List.copyOf(names);
        if (mean.length != names.size() || std.length != names.size() || weights.length != names.size()) {
            throw new IllegalArgumentException("feature vectors disagree with " + names.size() + " names");
        }
        mean = mean.clone();
        std = std.clone();
        weights = weights.clone();
    }

    public double score(double[] x) {
        double s = 0;
        for (int k = 0; k < weights.length; k++) {
            s += weights[k] * (x[k] - mean[k]) / std[k];
        }
        return s;
    }

    public LinearModel withTrimLeadIn(boolean trim) {
        return new LinearModel(names, mean, std, weights, trim);
    }

    public void write(Path path, String comment) throws IOException {
        Properties p = new Properties();
        p.setProperty("features", String.join(",", names));
        p.setProperty("trimLeadIn", Boolean.toString(trimLeadIn));
        for (int k = 0; k < names.size(); k++) {
            String n = names.get(k);
            p.setProperty("mean." + n, Double.toString(mean[k]));
            p.setProperty("std." + n, Double.toString(std[k]));
            p.setProperty("weight." + n, Double.toString(weights[k]));
        }
        // written by hand, sorted and without Properties.store's timestamp, so retraining diffs cleanly
        try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            w.write("# " + comment.replace('\n', ' ') + "\n");
            for (String key : new java.util.TreeSet<>(p.stringPropertyNames())) {
                w.write(key + "=" + p.getProperty(key) + "\n");
            }
        }
    }

    /** Reads weights and checks they were trained for the feature set this code computes. */
    public static LinearModel read(InputStream in, List<String> expectedNames) {
        Properties p = new Properties();
        try (InputStream s = in) {
            p.load(new java.io.InputStreamReader(s, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> names = Arrays.asList(p.getProperty("features", "").split(","));
        if (!names.equals(expectedNames)) {
            throw new IllegalStateException("model weights were trained for features " + names
                    + " but the code computes " + expectedNames + "; re-run SummaryTrainer");
        }
        int n = names.size();
        double[] mean = new double[n];
        double[] std = new double[n];
        double[] w = new double[n];
        for (int k = 0; k < n; k++) {
            mean[k] = Double.parseDouble(p.getProperty("mean." + names.get(k)));
            std[k] = Double.parseDouble(p.getProperty("std." + names.get(k)));
            w[k] = Double.parseDouble(p.getProperty("weight." + names.get(k)));
        }
        return new LinearModel(names, mean, std, w, Boolean.parseBoolean(p.getProperty("trimLeadIn", "false")));
    }
}
