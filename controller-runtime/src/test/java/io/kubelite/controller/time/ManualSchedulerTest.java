package io.kubelite.controller.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualSchedulerTest {

    private final ManualScheduler scheduler = new ManualScheduler();

    @Test
    void runsDueTasksInDueOrderWithTheClockAtTheirDueTime() {
        Instant start = scheduler.clock().instant();
        List<String> ran = new ArrayList<>();
        scheduler.schedule(Duration.ofMillis(30), () -> ran.add("c@" + since(start)));
        scheduler.schedule(Duration.ofMillis(10), () -> ran.add("a@" + since(start)));
        scheduler.schedule(Duration.ofMillis(20), () -> ran.add("b@" + since(start)));

        scheduler.advance(Duration.ofMillis(25));

        assertThat(ran).containsExactly("a@10", "b@20");
        assertThat(since(start)).isEqualTo(25);
        assertThat(scheduler.pendingDelays()).containsExactly(Duration.ofMillis(5));
    }

    @Test
    void runsATaskScheduledByADueTaskIfItFallsDueWithinTheSameAdvance() {
        List<String> ran = new ArrayList<>();
        scheduler.schedule(Duration.ofMillis(10),
                () -> scheduler.schedule(Duration.ofMillis(10), () -> ran.add("second")));

        scheduler.advance(Duration.ofMillis(20));

        assertThat(ran).containsExactly("second");
    }

    private long since(Instant start) {
        return Duration.between(start, scheduler.clock().instant()).toMillis();
    }
}
