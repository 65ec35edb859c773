package io.kubelite.controller.queue;

import io.kubelite.controller.ObjectKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-key exponential backoff: after n earlier failures of a key, the next retry waits
 * {@code base * 2^n}, never more than {@code cap}. With the defaults (5 ms, 1000 s) a key
 * waits 5, 10, 20, 40 ms …; the 18th failure waits 5 ms * 2^17 = 655.36 s, the 19th would
 * wait 1310.72 s and is capped to 1000 s, as is every later one. Keys do not affect each other.
 */
public final class ExponentialBackoff implements RateLimiter {

    public static final Duration DEFAULT_BASE_DELAY = Duration.ofMillis(5);
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(1000);

    private final Duration base;
    private final Duration cap;
    private final Map<ObjectKey, Integer> failures = new HashMap<>();

    public ExponentialBackoff(Duration base, Duration cap) {
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("base delay must be positive, was " + base);
        }
        if (cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("max delay " + cap + " is below base delay " + base);
        }
        this.base = base;
        this.cap = cap;
    }

    /** 5 ms doubling up to 1000 s, the client-go default for controllers. */
    public static ExponentialBackoff withDefaults() {
        return new ExponentialBackoff(DEFAULT_BASE_DELAY, DEFAULT_MAX_DELAY);
    }

    @Override
    public synchronized Duration when(ObjectKey key) {
        int exponent = failures.merge(key, 1, Integer::sum) - 1;
        return delayFor(exponent);
    }

    private Duration delayFor(int exponent) {
        if (exponent >= 62) {
            return cap;
        }
        try {
            Duration delay = base.multipliedBy(1L << exponent);
            return delay.compareTo(cap) > 0 ? cap : delay;
        } catch (ArithmeticException overflow) {
            return cap;
        }
    }

    @Override
    public synchronized void forget(ObjectKey key) {
        failures.remove(key);
    }

    @Override
    public synchronized int numRequeues(ObjectKey key) {
        return failures.getOrDefault(key, 0);
    }
}
