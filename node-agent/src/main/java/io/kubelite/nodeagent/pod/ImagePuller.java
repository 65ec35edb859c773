package io.kubelite.nodeagent.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubelite.nodeagent.runtime.ContainerRuntime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * imagePullPolicy with Kubernetes' failure states: a failed pull shows ErrImagePull, and until
 * the back-off (10 s doubling to 5 min, as for restarts) allows the next try, ImagePullBackOff.
 * Never with a missing image is ErrImageNeverPull.
 */
public final class ImagePuller {

    /** Ready to create the container, or the waiting reason and message to show. */
    public record Outcome(boolean ready, String reason, String message, Instant retryAt) {
        static Outcome ok() {
            return new Outcome(true, null, null, null);
        }
    }

    private record Failures(int count, Instant last, String message) {
    }

    private final ContainerRuntime runtime;
    private final PodEvents events;
    private final Clock clock;
    private final boolean pullsAllowed;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    /** With {@code pullsAllowed} false no registry is ever contacted: a pull fails at once. */
    public ImagePuller(ContainerRuntime runtime, PodEvents events, Clock clock, boolean pullsAllowed) {
        this.runtime = runtime;
        this.events = events;
        this.clock = clock;
        this.pullsAllowed = pullsAllowed;
    }

    /**
     * The policy the API server would have defaulted: Always for ":latest" or no tag, else
     * IfNotPresent ("busybox" → Always, "busybox:1.35" → IfNotPresent, "x@sha256:…" → IfNotPresent).
     */
    public static String effectivePolicy(Container container) {
        if (container.getImagePullPolicy() != null && !container.getImagePullPolicy().isEmpty()) {
            return container.getImagePullPolicy();
        }
        String image = container.getImage();
        if (image.contains("@")) {
            return "IfNotPresent";
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        boolean tagged = colon > slash;
        return !tagged || image.endsWith(":latest") ? "Always" : "IfNotPresent";
    }

    public Outcome ensure(Pod pod, Container container) {
        String image = container.getImage();
        String field = "spec.containers{" + container.getName() + "}";
        String policy = effectivePolicy(container);
        boolean present = runtime.imageId(image).isPresent();
        if (present && !"Always".equals(policy)) {
            failures.remove(key(pod, container));
            events.normal(pod, field, "Pulled", "Container image \"" + image + "\" already present on machine");
            return Outcome.ok();
        }
        if (present && !pullsAllowed) {
            // A node that may not pull cannot honour Always; the image it has is the newest it can get.
            failures.remove(key(pod, container));
            events.normal(pod, field, "Pulled", "Container image \"" + image + "\" already present on machine"
                    + " (image pulls are disabled on this node, so pull policy Always uses it)");
            return Outcome.ok();
        }
        if ("Never".equals(policy)) {
            String message = "Container image \"" + image + "\" is not present with pull policy of Never";
            events.warning(pod, field, "ErrImageNeverPull", message);
            return new Outcome(false, "ErrImageNeverPull", message, null);
        }
        String key = key(pod, container);
        Failures failed = failures.get(key);
        Instant now = clock.instant();
        if (failed != null) {
            Instant retryAt = failed.last().plus(RestartBackOff.delay(failed.count()));
            if (now.isBefore(retryAt)) {
                events.normal(pod, field, "BackOff", "Back-off pulling image \"" + image + "\"");
                return new Outcome(false, "ImagePullBackOff", "Back-off pulling image \"" + image + "\": "
                        + failed.message(), retryAt);
            }
        }
        events.normal(pod, field, "Pulling", "Pulling image \"" + image + "\"");
        events.flush();
        long started = System.nanoTime();
        try {
            if (!pullsAllowed) {
                throw new IllegalStateException("pull access denied: image pulls are disabled on this node"
                        + " (kubelite.node.image-pulls=false); load the image into the Docker engine first");
            }
            runtime.pull(image);
            if (runtime.imageId(image).isEmpty()) {
                throw new IllegalStateException("pull finished without the image");
            }
        } catch (RuntimeException e) {
            String message = "Failed to pull image \"" + image + "\": " + e.getMessage();
            int count = failed == null ? 1 : failed.count() + 1;
            failures.put(key, new Failures(count, now, message));
            events.warning(pod, field, "Failed", message);
            events.warning(pod, field, "Failed", "Error: ErrImagePull");
            return new Outcome(false, "ErrImagePull", message, now.plus(RestartBackOff.delay(count)));
        }
        failures.remove(key);
        events.normal(pod, field, "Pulled", "Successfully pulled image \"" + image + "\" in "
                + Duration.ofNanos(System.nanoTime() - started).toMillis() + "ms");
        return Outcome.ok();
    }

    public void forget(String podUid) {
        failures.keySet().removeIf(k -> k.startsWith(podUid + "/"));
    }

    private static String key(Pod pod, Container container) {
        return pod.getMetadata().getUid() + "/" + container.getName();
    }
}
