package io.kubelite.controller.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.time.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkQueueTest {

    private static final ObjectKey A = ObjectKey.of("default", "a");
    private static final ObjectKey B = ObjectKey.of("default", "b");
    private static final ObjectKey C = ObjectKey.clusterScoped("c");
    private static final String GETTER = "work-queue-test-getter";

    private final ManualScheduler scheduler = new ManualScheduler();
    private final RecordingQueueMetrics metrics = new RecordingQueueMetrics();
    private final WorkQueue queue = new WorkQueue("test", scheduler, ExponentialBackoff.withDefaults(), metrics);
    private final ExecutorService getters = Executors.newCachedThreadPool(runnable -> new Thread(runnable, GETTER));

    @AfterEach
    void stopGetters() throws InterruptedException {
        queue.shutDown();
        getters.shutdownNow();
        assertThat(getters.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void mergesDuplicateAddsWhileQueued() throws Exception {
        queue.add(A);
        queue.add(B);
        queue.add(A);

        assertThat(queue.len()).isEqualTo(2);
        assertThat(queue.get()).contains(A);
        assertThat(queue.get()).contains(B);
        assertThat(queue.len()).isZero();
        assertThat(metrics.added).containsExactly(A, B);
    }

    @Test
    void neverHandsAKeyBeingProcessedToASecondWorker() throws Exception {
        queue.add(A);
        assertThat(queue.get()).contains(A);

        queue.add(A);
        CompletableFuture<Optional<ObjectKey>> secondWorker = getAsync();
        awaitBlockedInGet();

        assertThat(queue.len()).isZero();
        assertThat(secondWorker).isNotDone();

        queue.done(A);
        assertThat(secondWorker.get(5, TimeUnit.SECONDS)).contains(A);
    }

    @Test
    void keyAddedDuringProcessingIsProcessedExactlyOnceMoreAfterDone() throws Exception {
        queue.add(A);
        queue.get();
        queue.add(A);
        queue.add(A);

        queue.done(A);

        assertThat(queue.len()).isEqualTo(1);
        assertThat(queue.get()).contains(A);
        queue.done(A);
        assertThat(queue.len()).isZero();
    }

    @Test
    void handsOutKeysInTheOrderTheyWereAdded() throws Exception {
        queue.add(C);
        queue.add(A);
        queue.add(B);

        assertThat(List.of(queue.get().orElseThrow(), queue.get().orElseThrow(), queue.get().orElseThrow()))
                .containsExactly(C, A, B);
    }

    @Test
    void aQueueWithPrioritiesHandsOutTheHighestFirstAndEqualOnesInArrivalOrder() throws Exception {
        ObjectKey d = ObjectKey.of("default", "d");
        java.util.Map<ObjectKey, Integer> priorities = java.util.Map.of(A, 0, B, 1000, C, 0, d, 1000);
        WorkQueue sorted = new WorkQueue("sorted", scheduler, ExponentialBackoff.withDefaults(), metrics,
                priorities::get);
        sorted.add(A);
        sorted.add(B);
        sorted.add(C);
        sorted.add(d);

        List<ObjectKey> order = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            order.add(sorted.get().orElseThrow());
        }
        assertThat(order).containsExactly(B, d, A, C);

        // a key re-added while held is queued on done, ahead of waiting keys of lower priority
        sorted.add(B);
        sorted.add(A);
        sorted.done(A);
        sorted.done(B);
        assertThat(sorted.get()).contains(B);
        assertThat(sorted.get()).contains(A);
        sorted.shutDown();
    }

    @Test
    void rateLimitedRetriesBackOff5_10_20_40MillisecondsAndForgetResets() throws Exception {
        List<Duration> waits = new ArrayList<>();
        for (int failure = 0; failure < 4; failure++) {
            queue.addRateLimited(A);
            waits.add(scheduler.pendingDelays().get(0));
            processAfter(scheduler.pendingDelays().get(0));
        }
        queue.forget(A);
        queue.addRateLimited(A);

        assertThat(waits).extracting(Duration::toMillis).containsExactly(5L, 10L, 20L, 40L);
        assertThat(scheduler.pendingDelays()).containsExactly(Duration.ofMillis(5));
        assertThat(metrics.retried).hasSize(5);
    }

    @Test
    void delayedKeysBecomeReadyInDueOrderAndNotBefore() throws Exception {
        queue.addAfter(C, Duration.ofMillis(30));
        queue.addAfter(A, Duration.ofMillis(10));
        queue.addAfter(B, Duration.ofMillis(20));

        scheduler.advance(Duration.ofMillis(9));
        assertThat(queue.len()).isZero();

        scheduler.advance(Duration.ofMillis(21));
        assertThat(List.of(queue.get().orElseThrow(), queue.get().orElseThrow(), queue.get().orElseThrow()))
                .containsExactly(A, B, C);
    }

    @Test
    void keepsOnlyTheEarliestDelayedAddOfAKey() throws Exception {
        queue.addAfter(A, Duration.ofMillis(50));
        queue.addAfter(A, Duration.ofMillis(10));
        queue.addAfter(A, Duration.ofMillis(30));

        processAfter(Duration.ofMillis(10));
        scheduler.advance(Duration.ofMillis(40));

        assertThat(queue.len()).isZero();
    }

    @Test
    void zeroDelayAddsImmediately() {
        queue.addAfter(A, Duration.ZERO);

        assertThat(queue.len()).isEqualTo(1);
    }

    @Test
    void shutDownWakesEveryBlockedGetter() throws Exception {
        List<CompletableFuture<Optional<ObjectKey>>> blocked = List.of(getAsync(), getAsync(), getAsync());
        await().atMost(Duration.ofSeconds(5)).until(() -> blockedGetters() == 3);

        queue.shutDown();

        for (CompletableFuture<Optional<ObjectKey>> getter : blocked) {
            assertThat(getter.get(5, TimeUnit.SECONDS)).isEmpty();
        }
    }

    @Test
    void ignoresAddsAndHandsOutNothingAfterShutDown() throws Exception {
        queue.add(A);
        queue.shutDown();
        queue.add(B);
        queue.addAfter(C, Duration.ofMillis(1));
        scheduler.advance(Duration.ofMillis(1));

        assertThat(queue.get()).isEmpty();
        assertThat(queue.isShuttingDown()).isTrue();
    }

    @Test
    void reportsDepthQueueLatencyAndWorkDuration() throws Exception {
        queue.add(A);
        queue.add(B);
        scheduler.advance(Duration.ofMillis(3));
        queue.get();
        scheduler.advance(Duration.ofMillis(7));
        queue.done(A);

        assertThat(metrics.depths).containsExactly(1, 2, 1);
        assertThat(metrics.queueLatencies).containsExactly(Duration.ofMillis(3));
        assertThat(metrics.workDurations).containsExactly(Duration.ofMillis(7));
    }

    private void processAfter(Duration delay) throws InterruptedException {
        scheduler.advance(delay);
        ObjectKey key = queue.get().orElseThrow();
        queue.done(key);
    }

    private CompletableFuture<Optional<ObjectKey>> getAsync() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return queue.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }, getters);
    }

    private void awaitBlockedInGet() {
        await().atMost(Duration.ofSeconds(5)).until(() -> blockedGetters() == 1);
    }

    private long blockedGetters() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().equals(GETTER))
                .filter(e -> e.getKey().getState() == Thread.State.WAITING)
                .filter(e -> List.of(e.getValue()).stream()
                        .anyMatch(frame -> frame.getClassName().equals(WorkQueue.class.getName())
                                && frame.getMethodName().equals("get")))
                .count();
    }
}
