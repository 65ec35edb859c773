package io.kubelite.replication.pods;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Creates in batches that double after every fully successful batch, as Kubernetes'
 * {@code slowStartBatch}: a controller that would fail (quota, a bad template) fails once,
 * not {@code count} times. Example: 10 pods → batches 1, 2, 4, 3; if a call in the batch of
 * 4 fails, the batch finishes but the last 3 are never attempted.
 */
public final class SlowStart {

    private SlowStart() {
    }

    /** The batch sizes for {@code count} creations starting at {@code initial}: 10,1 → [1,2,4,3]. */
    public static List<Integer> batches(int count, int initial) {
        List<Integer> sizes = new ArrayList<>();
        int remaining = count;
        int size = Math.min(remaining, Math.max(1, initial));
        while (size > 0) {
            sizes.add(size);
            remaining -= size;
            size = Math.min(2 * size, remaining);
        }
        return sizes;
    }

    /**
     * Runs {@code batch} for each batch size until one reports fewer successes than asked.
     *
     * @param batch given a batch size, creates that many and returns how many succeeded
     * @return how many succeeded in total
     */
    public static int run(int count, int initial, IntUnaryOperator batch) {
        int succeeded = 0;
        for (int size : batches(count, initial)) {
            int ok = batch.applyAsInt(size);
            succeeded += ok;
            if (ok < size) {
                break;
            }
        }
        return succeeded;
    }
}
