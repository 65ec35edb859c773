package io.kubelite.replication.pods;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * Runs the calls of one batch at the same time, as Kubernetes' controllers issue a slow-start
 * batch from parallel goroutines: a batch of 256 pod creations costs about one round trip, not 256.
 */
public final class Parallel {

    private Parallel() {
    }

    /**
     * Runs {@code task(0) … task(n-1)} on {@code executor} and waits for all of them.
     *
     * @return how many returned true
     */
    public static int run(Executor executor, int n, IntPredicate task) {
        AtomicInteger ok = new AtomicInteger();
        List<CompletableFuture<Void>> calls = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int index = i;
            calls.add(CompletableFuture.runAsync(() -> {
                if (task.test(index)) {
                    ok.incrementAndGet();
                }
            }, executor));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        return ok.get();
    }
}
