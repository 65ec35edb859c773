package io.kubelite.objectstore.relay;

import io.kubelite.objectstore.relay.ChangePublisher.PublishException;
import io.kubelite.objectstore.relay.RelayState.Role;
import io.kubelite.objectstore.storage.ChangeSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The transactional-outbox relay: publishes every change-log row to Kafka in resourceVersion
 * order, at least once.
 *
 * <p>One replica is active at a time, the one whose dedicated database session holds
 * {@link RelayLock}; the others try again every {@code relay-lock-retry-interval}. The active one
 * loops: read up to {@code relay-batch-size} rows after its progress, publish them, and once Kafka
 * has acknowledged all of them record the last resourceVersion as the new progress, over the same
 * session, without waiting for the WAL flush: at most every 100 ms while batches keep coming, and
 * once the relay has caught up and no commit came for 100 ms. A crash between the acknowledgement
 * and that write means the batch is published again by whoever is active next; consumers drop
 * resourceVersions they have already seen. For example, with progress 1200 and a batch
 * 1201..1700 acknowledged, a crash before the write leaves 1200, and the next relay sends
 * 1201..1700 a second time.
 *
 * <p>An idle relay wakes on {@link ChangeSignal} (commits of this replica and, via NOTIFY, of the
 * others) and otherwise every {@code relay-poll-interval}. After a batch that held everything there
 * was, the next read waits until {@code relay-linger} has passed since it, so commits arriving
 * faster than that travel to Kafka (and to every consumer) several to a request: at 500
 * single-object commits a second and 5 ms, about 2.5 per request instead of one; a commit after a
 * quiet spell is read at once. When Kafka fails the batch is retried with exponential backoff up
 * to {@code relay-max-backoff}; API writes are never held up by it.
 */
final class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** Under a steady stream of batches, the progress row is written at most this often. */
    private static final long PROGRESS_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final RelayProperties properties;
    private final LockConnections connections;
    private final Supplier<ChangePublisher> publishers;
    private final ChangeSignal signal;
    private final Clock clock;
    private final RelayBackoff backoff;
    private final AtomicLong publishedCount = new AtomicLong();

    private volatile boolean running;
    private volatile CountDownLatch stopping = new CountDownLatch(1);
    private volatile Thread thread;
    private volatile RelayState state;
    private ChangePublisher publisher;

    OutboxRelay(RelayProperties properties, LockConnections connections, Supplier<ChangePublisher> publishers,
                ChangeSignal signal, Clock clock) {
        this.properties = properties;
        this.connections = connections;
        this.publishers = publishers;
        this.signal = signal;
        this.clock = clock;
        this.backoff = new RelayBackoff(properties.relayPollInterval(), properties.relayMaxBackoff());
        this.state = new RelayState(properties.enabled() ? Role.STANDBY : Role.DISABLED, 0, null, null);
    }

    RelayState state() {
        return state;
    }

    /** Change events this replica has had acknowledged by Kafka since it started. */
    long publishedCount() {
        return publishedCount.get();
    }

    @Override
    public synchronized void start() {
        if (running || !properties.enabled()) {
            return;
        }
        running = true;
        stopping = new CountDownLatch(1);
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        stopping.countDown();
        Thread t = thread;
        t.interrupt();
        try {
            t.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try (Connection connection = connections.open()) {
                while (!RelayLock.tryAcquire(connection)) {
                    state = new RelayState(Role.STANDBY, state.publishedThrough(), null, null);
                    if (pause(properties.relayLockRetryInterval())) {
                        return;
                    }
                }
                try {
                    lead(connection);
                } finally {
                    closePublisher();
                    releaseQuietly(connection);
                    state = new RelayState(Role.STANDBY, state.publishedThrough(), null, state.lastError());
                }
            } catch (SQLException e) {
                state = new RelayState(Role.STANDBY, state.publishedThrough(), null, "database: " + e.getMessage());
                if (running) {
                    log.warn("outbox relay lost its database session ({}); trying again in {}", e.getMessage(),
                            properties.relayLockRetryInterval());
                    try {
                        if (pause(properties.relayLockRetryInterval())) {
                            return;
                        }
                    } catch (InterruptedException stop) {
                        return;
                    }
                }
            } catch (InterruptedException stop) {
                return;
            } catch (RuntimeException e) {
                log.error("outbox relay failed unexpectedly; restarting it in {}", properties.relayLockRetryInterval(), e);
                state = new RelayState(Role.STANDBY, state.publishedThrough(), null, e.toString());
                try {
                    if (pause(properties.relayLockRetryInterval())) {
                        return;
                    }
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** Publishes while this replica holds the lock; returns only when stopped, throws when the session is lost. */
    private void lead(Connection connection) throws SQLException, InterruptedException {
        try (Outbox outbox = new Outbox(connection)) {
            long through = outbox.publishedThrough();
            state = new RelayState(Role.ACTIVE, through, null, null);
            log.info("outbox relay active: publishing the change log after resourceVersion {} to Kafka at {}",
                    through, properties.bootstrapServers());
            int failures = 0;
            long recorded = through;
            long recordedAt = System.nanoTime();
            long lingerNanos = properties.relayLinger().toNanos();
            // When the last short batch was sent; a read within the linger after it waits out the rest.
            long lastShortBatchAt = System.nanoTime() - lingerNanos;
            while (running) {
                long lingered = lastShortBatchAt + lingerNanos - System.nanoTime();
                if (lingered > 0 && pauseNanos(lingered)) {
                    return;
                }
                long signalled = signal.latest();
                List<OutboxRecord> batch = outbox.changesAfter(through, properties.relayBatchSize());
                if (!batch.isEmpty()) {
                    long first = batch.get(0).resourceVersion();
                    long last = batch.get(batch.size() - 1).resourceVersion();
                    state = new RelayState(Role.ACTIVE, through, clock.instant(), state.lastError());
                    try {
                        publisher().publish(batch);
                    } catch (PublishException e) {
                        failures++;
                        Duration delay = backoff.afterFailures(failures);
                        log.warn("outbox relay could not publish resourceVersions {}..{} (attempt {}): {}; retrying in {}",
                                first, last, failures, e.getMessage(), delay);
                        state = new RelayState(Role.ACTIVE, through, null, e.getMessage());
                        closePublisher();
                        if (pause(delay)) {
                            return;
                        }
                        continue;
                    }
                    // The progress is a commit of its own: under a steady stream of batches it is
                    // recorded at most every PROGRESS_INTERVAL, and once the relay has caught up
                    // and no commit came for that long. After a crash the relay starts again from
                    // the recorded progress, which only repeats events: delivery is at least once
                    // anyway.
                    if (System.nanoTime() - recordedAt >= PROGRESS_INTERVAL_NANOS) {
                        outbox.recordPublished(last);
                        recorded = last;
                        recordedAt = System.nanoTime();
                    }
                    if (failures > 0) {
                        log.info("outbox relay published resourceVersions {}..{} after {} failed attempts", first, last,
                                failures);
                    }
                    failures = 0;
                    through = last;
                    publishedCount.addAndGet(batch.size());
                    state = new RelayState(Role.ACTIVE, through, null, null);
                    if (batch.size() == properties.relayBatchSize()) {
                        continue;
                    }
                    lastShortBatchAt = System.nanoTime();
                }
                // A short batch holds everything committed before `signalled` was read (commits
                // signal after they are visible), so reading again is useless until a newer
                // signal: at a few hundred single-object commits a second that saves an empty
                // query per commit.
                if (recorded < through) {
                    long dueMillis = TimeUnit.NANOSECONDS.toMillis(recordedAt + PROGRESS_INTERVAL_NANOS - System.nanoTime());
                    if (dueMillis > 0) {
                        signal.awaitNewerThan(signalled, dueMillis);
                        if (signal.latest() > signalled) {
                            continue;
                        }
                    }
                    outbox.recordPublished(through);
                    recorded = through;
                    recordedAt = System.nanoTime();
                }
                signal.awaitNewerThan(signalled, properties.relayPollInterval().toMillis());
            }
        }
    }

    private ChangePublisher publisher() throws PublishException {
        if (publisher == null) {
            try {
                publisher = publishers.get();
            } catch (RuntimeException e) {
                throw new PublishException("cannot create a Kafka producer for " + properties.bootstrapServers()
                        + ": " + e.getMessage(), e);
            }
        }
        return publisher;
    }

    private void closePublisher() {
        if (publisher != null) {
            publisher.close();
            publisher = null;
        }
    }

    /** Gives the lock back before the connection closes, in case it goes back to a pool instead of ending its session. */
    private static void releaseQuietly(Connection connection) {
        try {
            RelayLock.release(connection);
        } catch (SQLException sessionGone) {
            // the session, and with it the lock, is already gone
        }
    }

    /** Waits, returning early (true) when the relay is stopped. */
    private boolean pause(Duration delay) throws InterruptedException {
        return pauseNanos(delay.toNanos());
    }

    private boolean pauseNanos(long nanos) throws InterruptedException {
        return stopping.await(nanos, TimeUnit.NANOSECONDS) || !running;
    }
}
