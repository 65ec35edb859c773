package io.kubelite.controller.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Writes Events through the API on a background thread, aggregating repeats the way client-go's
 * recorder does: an event with the same object, type, reason, message and source as one
 * written before bumps that Event's {@code count} and {@code lastTimestamp} instead of making a
 * new one — so a pod failing its probe 30 times shows one {@code Unhealthy} event with
 * {@code count: 30} ("x30 over 5m" in {@code kubectl describe}). Event names are
 * {@code <object>.<hex nanos>} as Kubernetes makes them. When the buffer of 1,000 pending
 * events is full, new ones are dropped rather than blocking a controller (and logged, with their
 * count, at most every 10 s).
 */
public final class ApiEventRecorder implements EventRecorder, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiEventRecorder.class);
    private static final int MAX_REMEMBERED = 4096;

    private record Pending(HasMetadata object, String type, String reason, String message, Instant at) {
    }

    private record AggregationKey(String uid, String kind, String namespace, String name, String type, String reason,
            String message) {
    }

    private record Written(String namespace, String name, int count, Instant first) {
    }

    private final KubernetesClient client;
    private final String component;
    private final String host;
    private final Clock clock;
    private final BlockingQueue<Pending> pending = new ArrayBlockingQueue<>(1000);
    private final Map<AggregationKey, Written> written = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<AggregationKey, Written> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };
    /** Drops are logged at most every 10 s, with their count. */
    private final DropTally drops = new DropTally(Duration.ofSeconds(10));
    private final Thread writer;
    private volatile boolean running = true;

    public ApiEventRecorder(KubernetesClient client, String component, String host, Clock clock) {
        this.client = client;
        this.component = component;
        this.host = host;
        this.clock = clock;
        this.writer = new Thread(this::drain, "events-" + component);
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void event(HasMetadata object, String type, String reason, String message) {
        Instant now = clock.instant();
        if (!pending.offer(new Pending(object, type, reason, message, now))) {
            long dropped = drops.dropped(now);
            if (dropped > 0) {
                LOG.atWarn().addKeyValue("reason", reason).addKeyValue("object", object.getMetadata().getName())
                        .addKeyValue("dropped", dropped)
                        .log("Event buffer full ({} events waiting for the API); dropped {} event(s) since the last "
                                + "such warning, this one included", pending.size(), dropped);
            }
        }
    }

    private void drain() {
        while (running) {
            try {
                write(pending.take());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.atWarn().log("Could not write event: {}", e.toString());
            }
        }
    }

    private void write(Pending e) {
        HasMetadata object = e.object();
        String ns = object.getMetadata().getNamespace();
        String eventNamespace = ns == null || ns.isEmpty() ? "default" : ns;
        AggregationKey key = new AggregationKey(object.getMetadata().getUid(), object.getKind(), ns,
                object.getMetadata().getName(), e.type(), e.reason(), e.message());
        String stamp = DateTimeFormatter.ISO_INSTANT.format(e.at().truncatedTo(ChronoUnit.SECONDS));
        Written previous = written.get(key);
        if (previous != null) {
            try {
                Event current = client.v1().events().inNamespace(previous.namespace()).withName(previous.name()).get();
                if (current != null) {
                    current.setCount(previous.count() + 1);
                    current.setLastTimestamp(stamp);
                    client.v1().events().inNamespace(previous.namespace()).resource(current).update();
                    written.put(key, new Written(previous.namespace(), previous.name(), previous.count() + 1, previous.first()));
                    return;
                }
            } catch (KubernetesClientException ex) {
                LOG.atDebug().log("Event {} could not be updated ({}); writing a new one", previous.name(), ex.getCode());
            }
        }
        String name = object.getMetadata().getName() + "." + Long.toHexString(
                e.at().getEpochSecond() * 1_000_000_000L + e.at().getNano());
        ObjectReference involved = new ObjectReferenceBuilder()
                .withApiVersion(object.getApiVersion()).withKind(object.getKind())
                .withNamespace(ns).withName(object.getMetadata().getName())
                .withUid(object.getMetadata().getUid()).withResourceVersion(object.getMetadata().getResourceVersion())
                .build();
        Event event = new EventBuilder()
                .withNewMetadata().withName(name).withNamespace(eventNamespace).endMetadata()
                .withInvolvedObject(involved)
                .withType(e.type()).withReason(e.reason()).withMessage(e.message())
                .withNewSource().withComponent(component).withHost(host).endSource()
                .withReportingComponent(component).withReportingInstance(host)
                .withFirstTimestamp(stamp).withLastTimestamp(stamp).withCount(1)
                .build();
        client.v1().events().inNamespace(eventNamespace).resource(event).create();
        written.put(key, new Written(eventNamespace, name, 1, e.at()));
    }

    @Override
    public void close() {
        running = false;
        writer.interrupt();
    }
}
