package io.kubelite.bench;

import java.util.ArrayList;
import java.util.List;

/** How many requests of a phase failed, and the first few distinct reasons, for the report. */
final class ErrorTally {

    private static final int SAMPLES = 3;

    private long count;
    private final List<String> samples = new ArrayList<>();

    synchronized void add(Exception e) {
        count++;
        String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (samples.size() < SAMPLES && !samples.contains(reason)) {
            samples.add(reason);
        }
    }

    synchronized long count() {
        return count;
    }

    synchronized List<String> samples() {
        return List.copyOf(samples);
    }
}
