package io.kubelite.objectstore.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InflightWatermarkTest {

    @Test
    void reportsTheHighestCountOfItsWindowEvenAfterTheRequestsLeft() {
        InflightWatermark w = new InflightWatermark();
        w.enter();
        w.enter();
        w.enter();
        w.leave();
        w.leave();
        assertThat(w.highInLastSecond()).isEqualTo(3);
    }

    @Test
    void aNewWindowStartsFromWhatIsInFlightNow() {
        long[] now = {0};
        InflightWatermark w = new InflightWatermark(() -> now[0]);
        w.enter();
        w.enter();
        w.leave();
        assertThat(w.highInLastSecond()).isEqualTo(2);
        now[0] = 1_000_000_000L;
        assertThat(w.highInLastSecond()).isEqualTo(2); // the window that just ended
        assertThat(w.highInLastSecond()).isEqualTo(1); // the one that began with it: one request still in flight
        w.leave();
        assertThat(w.highInLastSecond()).isEqualTo(1);
    }
}
