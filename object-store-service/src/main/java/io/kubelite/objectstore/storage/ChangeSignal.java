package io.kubelite.objectstore.storage;

import org.springframework.stereotype.Component;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes watchers when a commit lands. Watchers always re-read the change log, so the signal only
 * has to say "something newer than N may exist", never what it is.
 *
 * <p>Every commit of this replica is announced twice, once directly after the transaction and once
 * by its NOTIFY; only the first moves the value, so waiters are woken once per commit.
 */
@Component
public class ChangeSignal {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    private volatile long latest;

    public void advance(long resourceVersion) {
        if (resourceVersion <= latest) {
            return;
        }
        lock.lock();
        try {
            if (resourceVersion > latest) {
                latest = resourceVersion;
                advanced.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    public long latest() {
        return latest;
    }

    /** Waits until something newer than {@code seen} was committed, or the timeout passes. */
    public void awaitNewerThan(long seen, long timeoutMillis) throws InterruptedException {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (latest <= seen && nanos > 0) {
                nanos = advanced.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }
}
