package io.kubelite.controller.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExecutorSchedulerTest {

    @Test
    void runsAScheduledTaskOnItsTimerThread() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        String[] thread = new String[1];
        try (ExecutorScheduler scheduler = new ExecutorScheduler("queue-timer")) {
            scheduler.schedule(Duration.ofMillis(1), () -> {
                thread[0] = Thread.currentThread().getName();
                ran.countDown();
            });
            assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(thread[0]).isEqualTo("queue-timer");
    }

    @Test
    void ignoresTasksScheduledAfterClose() {
        ExecutorScheduler scheduler = new ExecutorScheduler("queue-timer");
        scheduler.close();

        scheduler.schedule(Duration.ZERO, () -> {
            throw new AssertionError("must not run");
        });
    }
}
