package io.kubelite.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.queue.WorkQueue;
import io.kubelite.controller.time.ManualScheduler;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ControllerTest {

    private static final ObjectKey A = ObjectKey.of("default", "a");
    private static final ObjectKey B = ObjectKey.of("default", "b");

    private final ManualScheduler scheduler = new ManualScheduler();
    private final WorkQueue queue = new WorkQueue("test", scheduler);
    private final RecordingControllerMetrics metrics = new RecordingControllerMetrics();
    private RecordingReconciler reconciler;
    private Controller controller;

    @AfterEach
    void stopController() throws InterruptedException {
        if (controller != null) {
            assertThat(controller.stop(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void successForgetsTheBackoffOfEarlierFailures() {
        start(1, (key, attempt) -> {
            if (attempt < 3) {
                throw new IOException("API unavailable");
            }
            return Result.done();
        });
        queue.add(A);

        retryAfter(Duration.ofMillis(5));
        retryAfter(Duration.ofMillis(10));
        eventually().until(() -> metrics.reconciled.size() == 3);

        assertThat(metrics.outcomes()).containsExactly(Outcome.ERROR, Outcome.ERROR, Outcome.SUCCESS);
        assertThat(queue.numRequeues(A)).isZero();
        assertThat(scheduler.pendingDelays()).isEmpty();
    }

    @Test
    void errorsAreRetriedWithExponentialBackoffAndReportedWithTheKey() {
        start(1, (key, attempt) -> {
            throw new IOException("conflict on attempt " + attempt);
        });
        queue.add(A);

        for (long millis : new long[] {5, 10, 20, 40}) {
            retryAfter(Duration.ofMillis(millis));
        }
        eventually().until(() -> scheduler.pendingDelays().equals(List.of(Duration.ofMillis(80))));

        assertThat(metrics.outcomes()).hasSize(5).containsOnly(Outcome.ERROR);
        assertThat(metrics.failed).extracting(RecordingControllerMetrics.Failed::key).containsOnly(A);
        assertThat(metrics.failed.get(4).error()).hasMessage("conflict on attempt 5");
        assertThat(queue.numRequeues(A)).isEqualTo(5);
    }

    @Test
    void requeueAfterSchedulesTheKeyAndResetsItsBackoff() {
        start(1, (key, attempt) -> {
            switch (attempt) {
                case 1:
                    throw new IOException("API unavailable");
                case 2:
                    return Result.requeueAfter(Duration.ofSeconds(30));
                default:
                    return Result.done();
            }
        });
        queue.add(A);

        retryAfter(Duration.ofMillis(5));
        eventually().until(() -> scheduler.pendingDelays().equals(List.of(Duration.ofSeconds(30))));
        assertThat(queue.numRequeues(A)).isZero();
        scheduler.advance(Duration.ofSeconds(30));
        eventually().until(() -> metrics.reconciled.size() == 3);

        assertThat(metrics.outcomes()).containsExactly(Outcome.ERROR, Outcome.REQUEUE_AFTER, Outcome.SUCCESS);
    }

    @Test
    void requeueBacksOffWithoutCountingAnError() {
        start(1, (key, attempt) -> attempt < 3 ? Result.requeue() : Result.done());
        queue.add(A);

        retryAfter(Duration.ofMillis(5));
        retryAfter(Duration.ofMillis(10));
        eventually().until(() -> metrics.reconciled.size() == 3);

        assertThat(metrics.outcomes()).containsExactly(Outcome.REQUEUE, Outcome.REQUEUE, Outcome.SUCCESS);
        assertThat(metrics.failed).isEmpty();
    }

    @Test
    void nullResultIsAnError() {
        start(1, (key, attempt) -> attempt == 1 ? null : Result.done());
        queue.add(A);

        retryAfter(Duration.ofMillis(5));
        eventually().until(() -> metrics.reconciled.size() == 2);

        assertThat(metrics.outcomes()).containsExactly(Outcome.ERROR, Outcome.SUCCESS);
        assertThat(metrics.failed.get(0).error()).hasMessageContaining("default/a");
    }

    @Test
    void twoWorkersReconcileManyKeysButEachKeySerially() {
        List<ObjectKey> keys = IntStream.range(0, 50).mapToObj(i -> ObjectKey.of("ns", "pod-" + i)).toList();
        start(2, (key, attempt) -> {
            if (attempt < 4) {
                queue.add(key); // an event arriving mid-reconcile
                Thread.yield();
            }
            return Result.done();
        });

        keys.forEach(queue::add);
        eventually().until(() -> reconciler.calls.size() == 4 * keys.size());

        assertThat(reconciler.overlapping).isEmpty();
        assertThat(keys).allSatisfy(key -> assertThat(reconciler.callsFor(key)).isEqualTo(4));
    }

    @Test
    void twoWorkersReconcileDistinctKeysInParallel() {
        CyclicBarrier bothInside = new CyclicBarrier(2);
        start(2, (key, attempt) -> {
            bothInside.await(5, TimeUnit.SECONDS);
            return Result.done();
        });

        queue.add(A);
        queue.add(B);
        eventually().until(() -> metrics.reconciled.size() == 2);

        assertThat(metrics.outcomes()).containsOnly(Outcome.SUCCESS);
    }

    @Test
    void stopWaitsForTheReconcileInFlight() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        start(1, (key, attempt) -> {
            entered.countDown();
            release.await();
            return Result.done();
        });
        queue.add(A);
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(this::stopWithin5Seconds);
        eventually().until(queue::isShuttingDown);
        assertThat(stopped).isNotDone();
        release.countDown();

        assertThat(stopped.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(metrics.outcomes()).containsExactly(Outcome.SUCCESS);
    }

    @Test
    void stopGivesUpAfterItsTimeoutAndInterruptsTheReconcile() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        start(1, (key, attempt) -> {
            entered.countDown();
            new CountDownLatch(1).await();
            return Result.done();
        });
        queue.add(A);
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(controller.stop(Duration.ofMillis(20))).isFalse();

        eventually().until(() -> metrics.outcomes().equals(List.of(Outcome.ERROR)));
        assertThat(metrics.failed.get(0).error()).isInstanceOf(InterruptedException.class);
    }

    private void start(int workers, RecordingReconciler.Script script) {
        reconciler = new RecordingReconciler(script);
        controller = new Controller("test", queue, reconciler, workers, scheduler.clock(), metrics);
        controller.start();
    }

    /** Waits until the key's retry is scheduled {@code delay} from now, then lets it fall due. */
    private void retryAfter(Duration delay) {
        eventually().until(() -> scheduler.pendingDelays().equals(List.of(delay)));
        scheduler.advance(delay);
    }

    private boolean stopWithin5Seconds() {
        try {
            return controller.stop(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1));
    }
}
