package io.kubelite.nodeagent.api;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubelite.nodeagent.pod.PodEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * core/v1 Events written on a background thread (a pod worker never waits for them), with the
 * kubelet's aggregation: the same reason and message for the same object raises {@code count}
 * and {@code lastTimestamp} of one Event instead of writing a new one.
 */
public final class ApiEvents implements PodEvents, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiEvents.class);
    private static final int REMEMBERED = 4096;

    private record Key(String uid, String fieldPath, String reason, String message) {
    }

    private final KubernetesClient client;
    private final String node;
    private final Clock clock;
    private final ExecutorService writer;
    private final Map<Key, Event> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Event> eldest) {
            return size() > REMEMBERED;
        }
    };

    public ApiEvents(KubernetesClient client, String node, Clock clock) {
        this.client = client;
        this.node = node;
        this.clock = clock;
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "events-" + node);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void normal(Pod pod, String fieldPath, String reason, String message) {
        record(pod, fieldPath, "Normal", reason, message);
    }

    @Override
    public void warning(Pod pod, String fieldPath, String reason, String message) {
        record(pod, fieldPath, "Warning", reason, message);
    }

    private void record(Pod pod, String fieldPath, String type, String reason, String message) {
        Instant now = clock.instant();
        try {
            writer.execute(() -> write(pod, fieldPath, type, reason, message, now));
        } catch (RejectedExecutionException closed) {
            // shutting down
        }
    }

    private void write(Pod pod, String fieldPath, String type, String reason, String message, Instant now) {
        String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
        Key key = new Key(pod.getMetadata().getUid(), fieldPath, reason, message);
        try {
            Event previous = recent.get(key);
            var events = client.v1().events().inNamespace(pod.getMetadata().getNamespace());
            if (previous != null) {
                int count = previous.getCount() == null ? 2 : previous.getCount() + 1;
                Event updated = new EventBuilder(previous).withCount(count).withLastTimestamp(time).build();
                updated.getMetadata().setResourceVersion(null);
                Event stored = events.withName(previous.getMetadata().getName()).patch(updated);
                recent.put(key, stored);
                return;
            }
            Event event = new EventBuilder().withNewMetadata()
                    .withName(pod.getMetadata().getName() + "." + Long.toHexString(System.nanoTime()))
                    .withNamespace(pod.getMetadata().getNamespace()).endMetadata()
                    .withNewInvolvedObject().withApiVersion("v1").withKind("Pod")
                    .withNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .withUid(pod.getMetadata().getUid()).withFieldPath(fieldPath).endInvolvedObject()
                    .withType(type).withReason(reason).withMessage(message)
                    .withNewSource().withComponent("kubelet").withHost(node).endSource()
                    .withReportingComponent("kubelet").withReportingInstance(node)
                    .withFirstTimestamp(time).withLastTimestamp(time).withCount(1)
                    .build();
            recent.put(key, events.resource(event).create());
        } catch (RuntimeException e) {
            LOG.atDebug().addKeyValue("pod", pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName())
                    .addKeyValue("reason", reason).log("Could not record event: " + e.getMessage());
            recent.remove(key);
        }
    }

    @Override
    public void close() {
        writer.shutdownNow();
    }
}
