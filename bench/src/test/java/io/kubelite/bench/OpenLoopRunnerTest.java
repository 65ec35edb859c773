package io.kubelite.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs in real time, a quarter of a second per case. */
class OpenLoopRunnerTest {

    @Test
    void aServerThatKeepsUpSeesTheOfferedRate() throws InterruptedException {
        PhaseResult r = new OpenLoopRunner(4).run("fast", 500, Duration.ofMillis(250), () -> { });

        assertThat(r.ok()).isEqualTo(125);
        assertThat(r.errors()).isZero();
        assertThat(r.achievedPerSecond()).isBetween(400.0, 520.0);
    }

    @Test
    void requestsQueuedBehindASlowServerAreChargedFromTheirDueTime() throws InterruptedException {
        // 200/s offered, one request at a time, 10 ms each: the server does 100/s, so request i
        // starts at ~10 i ms although it was due at 5 i ms. The 40th waits ~195 ms before it is
        // sent; a closed loop (latency from the send) would report 10 ms for every request.
        PhaseResult r = new OpenLoopRunner(1).run("slow", 200, Duration.ofMillis(200), () -> Thread.sleep(10));

        assertThat(r.ok()).isEqualTo(40);
        assertThat(r.latency().p50Millis()).isGreaterThan(80);
        assertThat(r.latency().p99Millis()).isGreaterThan(180);
        assertThat(r.achievedPerSecond()).isLessThan(110);
    }

    @Test
    void failedRequestsAreCountedAsErrorsAndLeftOutOfTheLatencies() throws InterruptedException {
        AtomicInteger n = new AtomicInteger();
        PhaseResult r = new OpenLoopRunner(2).run("flaky", 400, Duration.ofMillis(100), () -> {
            if (n.incrementAndGet() % 4 == 0) {
                throw new IllegalStateException("answered 500");
            }
        });

        assertThat(r.ok()).isEqualTo(30);
        assertThat(r.errors()).isEqualTo(10);
        assertThat(r.latency().count()).isEqualTo(30);
        assertThat(r.errorSamples()).containsExactly("IllegalStateException: answered 500");
    }
}
