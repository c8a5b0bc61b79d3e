package dev.paperclub.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The non-blank lines of a small text input with their 1-based line numbers. */
record Lines(List<String> text, List<Integer> numbers) {

    static Lines read(BufferedReader in) throws IOException {
        List<String> text = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        String line;
        int n = 0;
        while ((line = in.readLine()) != null) {
            n++;
            if (line.isBlank()) continue;
            text.add(line.strip());
            numbers.add(n);
        }
        return new Lines(text, numbers);
    }

    int size() {
        return text.size();
    }

    String get(int i) {
        return i < text.size() ? text.get(i) : null;
    }

    int lineOf(int i) {
        return i < numbers.size() ? numbers.get(i) : (numbers.isEmpty() ? 1 : numbers.get(numbers.size() - 1));
    }
}
