package io.kubelite.controller.expectations;

import io.kubelite.controller.ObjectKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Remembers the creations and deletions a controller has asked for but not yet seen in its
 * cache, so a stale cache never makes it create or delete twice. Example: a ReplicaSet wants
 * 5 pods and has 2; the controller calls {@code expectCreations(rs, 3)}, creates 3 pods and
 * skips syncs while {@link #satisfied} is false; each pod-added event calls
 * {@link #creationObserved}, and after the third the next sync runs. A create that fails must
 * also call {@code creationObserved}, since no event will come for it.
 *
 * <p>Deletions are tracked by pod uid, so a pod deleted by someone else, or an event seen
 * twice, lowers the expectation only once and only for pods this controller chose to delete.
 *
 * <p>If the expected events never arrive (a missed watch event, a crashed API call), an
 * expectation older than the TTL (5 minutes by default) counts as satisfied, so the controller
 * resyncs instead of stalling.
 */
public final class Expectations {

    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

    private record Pending(int creations, Set<String> deletionUids, Instant setAt) {
        boolean fulfilled() {
            return creations <= 0 && deletionUids.isEmpty();
        }
    }

    private final Clock clock;
    private final Duration ttl;
    private final Map<ObjectKey, Pending> pending = new HashMap<>();

    public Expectations(Clock clock, Duration ttl) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
    }

    public Expectations(Clock clock) {
        this(clock, DEFAULT_TTL);
    }

    /** Replaces whatever {@code key} expected with {@code count} creations. */
    public synchronized void expectCreations(ObjectKey key, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("expected creations for " + key + " must be >= 0, was " + count);
        }
        pending.put(key, new Pending(count, Set.of(), clock.instant()));
    }

    /** Replaces whatever {@code key} expected with the deletion of the objects with these uids. */
    public synchronized void expectDeletions(ObjectKey key, Set<String> uids) {
        pending.put(key, new Pending(0, Set.copyOf(uids), clock.instant()));
    }

    /** One expected creation for {@code key} was seen (or failed); no-op without expectations. */
    public synchronized void creationObserved(ObjectKey key) {
        pending.computeIfPresent(key,
                (k, p) -> new Pending(p.creations() - 1, p.deletionUids(), p.setAt()));
    }

    /** The object {@code uid} is gone; lowers the expectation only if {@code key} expected it. */
    public synchronized void deletionObserved(ObjectKey key, String uid) {
        pending.computeIfPresent(key, (k, p) -> {
            if (!p.deletionUids().contains(uid)) {
                return p;
            }
            Set<String> remaining = new HashSet<>(p.deletionUids());
            remaining.remove(uid);
            return new Pending(p.creations(), Set.copyOf(remaining), p.setAt());
        });
    }

    /**
     * True if {@code key} may sync: it has no expectations, they were all observed, or they
     * were set more than the TTL ago.
     */
    public synchronized boolean satisfied(ObjectKey key) {
        Pending p = pending.get(key);
        if (p == null || p.fulfilled()) {
            return true;
        }
        return Duration.between(p.setAt(), clock.instant()).compareTo(ttl) > 0;
    }

    /** Drops the expectations of {@code key}; call when the owning object is deleted. */
    public synchronized void delete(ObjectKey key) {
        pending.remove(key);
    }
}
