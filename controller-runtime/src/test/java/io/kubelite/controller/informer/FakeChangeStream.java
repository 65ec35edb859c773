package io.kubelite.controller.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** An in-memory topic: events appended by the test, positions are indexes into it. */
final class FakeChangeStream<T extends HasMetadata> implements ChangeStream<T> {

    private record Index(int value) implements Position {
    }

    private final List<ChangeEvent<T>> log = new ArrayList<>();
    private int position;
    private int retainedFrom;
    private boolean woken;

    synchronized void append(ChangeEvent.Type type, T object) {
        log.add(new ChangeEvent<>(type, object, Instant.now()));
        notifyAll();
    }

    /** Drops every event before the current end, as retention would, while the reader is still behind it. */
    synchronized void expireReaderPosition() {
        retainedFrom = log.size() + 1;
        position = Math.min(position, log.size());
        notifyAll();
    }

    @Override
    public synchronized Position mark() {
        return new Index(log.size());
    }

    @Override
    public synchronized void seek(Position p) {
        position = ((Index) p).value();
        retainedFrom = Math.min(retainedFrom, position);
    }

    @Override
    public synchronized List<ChangeEvent<T>> poll(Duration timeout) throws GapException {
        if (position < retainedFrom) {
            throw new GapException("position " + position + " is before " + retainedFrom, null);
        }
        if (position >= log.size() && !woken) {
            try {
                TimeUnit.MILLISECONDS.timedWait(this, timeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        woken = false;
        if (position < retainedFrom) {
            throw new GapException("position " + position + " is before " + retainedFrom, null);
        }
        List<ChangeEvent<T>> out = new ArrayList<>(log.subList(position, log.size()));
        position = log.size();
        return out;
    }

    @Override
    public synchronized void wakeup() {
        woken = true;
        notifyAll();
    }

    @Override
    public void close() {
    }
}
