package io.kubelite.nodeagent.sync;

import io.kubelite.controller.informer.EventHandler;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread of a node component that follows informers (the Service proxy, NetworkPolicy
 * enforcement, the ingress controller): a change runs a pass {@code delay} after it arrives, so a
 * burst of changes is one pass, and a full pass runs every period whatever happens. Passes never
 * overlap; one that throws is logged and the next change or period tries again.
 *
 * <p>Example: Endpoints of three Services change within 5 ms; with a 20 ms delay the proxy makes
 * one pass 20 ms after the first change, and its 10 s full pass still runs on time.
 */
public final class ChangeBatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeBatcher.class);

    private final String name;
    private final Duration delay;
    private final Consumer<Boolean> pass;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final ScheduledExecutorService thread;

    /**
     * @param pass one pass; its argument says whether it is a full (periodic) one
     */
    public ChangeBatcher(String name, Duration delay, Consumer<Boolean> pass) {
        this.name = name;
        this.delay = delay;
        this.pass = pass;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs a pass soon after every add, real update or delete of the informers it is added to. */
    public EventHandler<Object> handler() {
        return new EventHandler<>() {
            @Override
            public void onAdd(Object object) {
                soon();
            }

            @Override
            public void onUpdate(Object oldObject, Object newObject) {
                if (oldObject != newObject) {
                    soon();
                }
            }

            @Override
            public void onDelete(Object object) {
                soon();
            }
        };
    }

    /** A pass {@code delay} from now, unless one is already due. */
    public void soon() {
        if (queued.compareAndSet(false, true)) {
            try {
                thread.schedule(() -> {
                    queued.set(false);
                    run(false);
                }, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closing) {
                queued.set(false);
            }
        }
    }

    /** Full passes every {@code period}, the first after {@code first}. */
    public void every(Duration period, Duration first) {
        thread.scheduleWithFixedDelay(() -> run(true), first.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run(boolean full) {
        try {
            pass.accept(full);
        } catch (RuntimeException e) {
            LOG.atWarn().setCause(e).log(name + " pass failed; retrying at the next change or period: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
