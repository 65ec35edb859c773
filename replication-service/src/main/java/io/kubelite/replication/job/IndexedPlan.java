package io.kubelite.replication.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an Indexed Job needs next: each index {@code 0..completions-1} must succeed once; indexes
 * neither succeeded nor running get a pod, lowest first, while fewer than {@code parallelism}
 * run. Failures and the deadline end it as for a NonIndexed Job ({@link JobPlan}). Example:
 * completions 5, parallelism 2, indexes 0 and 2 succeeded, index 1 running → create index 3;
 * all five succeeded → Complete.
 *
 * @param create  the indexes to start a pod for
 */
record IndexedPlan(List<Integer> create, boolean deleteActive, Optional<JobPlan.Finish> finish) {

    static IndexedPlan decide(JobPlan.Spec spec, Set<Integer> running, Set<Integer> succeeded, int failed,
            java.time.Instant startTime, java.time.Instant now) {
        int completions = spec.completions() == null ? 0 : spec.completions();
        JobPlan ends = JobPlan.decide(new JobPlan.Spec(completions, spec.parallelism(), spec.backoffLimit(),
                spec.activeDeadlineSeconds()), new JobPlan.Counts(running.size(), 0, failed), startTime, now);
        if (ends.finish().isPresent()) {
            return new IndexedPlan(List.of(), true, ends.finish());
        }
        if (succeeded.size() >= completions) {
            return new IndexedPlan(List.of(), !running.isEmpty(), Optional.of(new JobPlan.Finish("Complete", null, null)));
        }
        List<Integer> create = new ArrayList<>();
        int room = spec.parallelism() - running.size();
        for (int index = 0; index < completions && create.size() < room; index++) {
            if (!running.contains(index) && !succeeded.contains(index)) {
                create.add(index);
            }
        }
        return new IndexedPlan(create, false, Optional.empty());
    }

    /** {@code status.completedIndexes}: ascending, runs of consecutive indexes as ranges ({@code 0-2,4,6-7}). */
    static String format(Set<Integer> indexes) {
        StringBuilder out = new StringBuilder();
        Integer first = null;
        Integer last = null;
        for (int i : new TreeSet<>(indexes)) {
            if (last != null && i == last + 1) {
                last = i;
                continue;
            }
            append(out, first, last);
            first = i;
            last = i;
        }
        append(out, first, last);
        return out.toString();
    }

    /** The indexes of a {@code completedIndexes} value ({@code 0-2,4} → 0, 1, 2, 4); malformed parts are skipped. */
    static Set<Integer> parse(String text) {
        Set<Integer> indexes = new TreeSet<>();
        if (text == null || text.isBlank()) {
            return indexes;
        }
        for (String part : text.split(",")) {
            String[] range = part.trim().split("-");
            try {
                int from = Integer.parseInt(range[0]);
                int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                for (int i = from; i <= to; i++) {
                    indexes.add(i);
                }
            } catch (NumberFormatException e) {
                // a value not written by this controller: what parses counts
            }
        }
        return indexes;
    }

    private static void append(StringBuilder out, Integer first, Integer last) {
        if (first == null) {
            return;
        }
        if (out.length() > 0) {
            out.append(',');
        }
        out.append(first.equals(last) ? Integer.toString(first) : first + "-" + last);
    }
}
