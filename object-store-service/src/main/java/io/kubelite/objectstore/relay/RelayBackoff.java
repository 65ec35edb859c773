package io.kubelite.objectstore.relay;

import java.time.Duration;

/**
 * Pause after consecutive failed publish attempts: doubles from {@code initial} and stays at
 * {@code max}, e.g. 200ms, 400ms, 800ms, … 25.6s, 30s, 30s with initial 200ms and max 30s.
 */
record RelayBackoff(Duration initial, Duration max) {

    Duration afterFailures(int failures) {
        if (failures < 1) {
            return Duration.ZERO;
        }
        Duration delay = initial;
        for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
