package io.kubelite.nodeagent.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.reconcile.Reconciler;
import io.kubelite.controller.reconcile.Result;
import io.kubelite.machinery.pod.EphemeralContainers;
import io.kubelite.nodeagent.probe.ProbeManager;
import io.kubelite.nodeagent.runtime.ContainerLabels;
import io.kubelite.nodeagent.runtime.ContainerRuntime;
import io.kubelite.nodeagent.runtime.ContainerSpec;
import io.kubelite.nodeagent.runtime.RuntimeContainer;
import io.kubelite.nodeagent.volume.VolumeMounts;
import io.kubelite.nodeagent.volume.VolumeSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pod worker: makes the runtime match one pod, level-triggered. Each sync reads the pod from
 * the informer cache and its containers from the runtime (by the pod-uid label), then:
 * <ol>
 *   <li>deleting, or gone from the API → stop containers with the grace period, remove them and
 *       the pod's volumes, and (if still in the API) delete it with grace 0 and a uid precondition;</li>
 *   <li>no running pause container → start one (a fresh network namespace means every app
 *       container starts again, as in Kubernetes) on the runtime its RuntimeClass names
 *       ({@link RuntimeHandlers}), the pod's other containers then on the same;</li>
 *   <li>the init containers, one after another ({@link #initContainers}); then</li>
 *   <li>per spec container: start it if it never ran; restart an exited one when restartPolicy
 *       says so and the back-off allows; kill one whose liveness probe failed;</li>
 *   <li>write the computed status when it differs from the API's.</li>
 * </ol>
 * Returns a requeue at the earliest back-off deadline, so nothing ever sleeps.
 */
public final class PodSync implements Reconciler {

    /** The kubelet's words for a pod that outlived its activeDeadlineSeconds. */
    static final String DEADLINE_EXCEEDED = "Pod was active on the node longer than the specified deadline";

    /** The longest a postStart hook may take before it counts as failed. */
    static final Duration POST_START_TIMEOUT = Duration.ofSeconds(30);
    /** The least time a container gets to stop after its preStop hook used its grace period (the kubelet's). */
    static final Duration MINIMUM_GRACE = Duration.ofSeconds(2);

    /** How soon a pod whose volumes could not be set up is synced again. */
    static final Duration VOLUME_RETRY = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(PodSync.class);

    /**
     * What the pod worker needs to know about its node; {@code allocatable} holds its cpu and
     * memory ({@code "2"}, {@code "8Gi"}), which a container without limits may use (resourceFieldRef).
     */
    public record NodeContext(ContainerSpecs.Owner owner, String hostIp, String pauseImage, List<String> pauseCommand,
            Path stateDir, Duration syncInterval, boolean imagePulls, String clusterDomain, Map<String, String> allocatable) {

        public NodeContext(ContainerSpecs.Owner owner, String hostIp, String pauseImage, List<String> pauseCommand,
                Path stateDir, Duration syncInterval, boolean imagePulls, String clusterDomain) {
            this(owner, hostIp, pauseImage, pauseCommand, stateDir, syncInterval, imagePulls, clusterDomain,
                    Map.of("cpu", Integer.toString(Runtime.getRuntime().availableProcessors()), "memory",
                            Long.toString(Runtime.getRuntime().maxMemory())));
        }
    }

    /** The Service whose ClusterIP pods with dnsPolicy ClusterFirst get as their nameserver. */
    static final String CLUSTER_DNS_NAMESPACE = "kube-system";
    static final String CLUSTER_DNS_SERVICE = "kube-dns";
    private static final Path HOST_RESOLV_CONF = Path.of("/etc/resolv.conf");

    private final NodeContext node;
    private final ContainerRuntime runtime;
    private final PodCache pods;
    private final PodApi api;
    private final HeldEvents events;
    private final ConfigLookup config;
    private final VolumeSetup volumes;
    private final TerminationMessages terminationMessages;
    private final ProbeManager probes;
    private final ImagePuller images;
    private final Clock clock;
    /** uid/container → back-off step (restarts made under back-off since the last reset). */
    private final Map<String, Integer> backOffSteps = new ConcurrentHashMap<>();
    private final Map<String, PodStatus> written = new ConcurrentHashMap<>();
    private final Map<String, String> writtenVersions = new ConcurrentHashMap<>();
    private final ExecutorService sandboxStarts = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sandbox-start");
        t.setDaemon(true);
        return t;
    });

    public PodSync(NodeContext node, ContainerRuntime runtime, PodCache pods, PodApi api, PodEvents events,
            ConfigLookup config, ProbeManager probes, Clock clock) {
        this.node = node;
        this.runtime = runtime;
        this.pods = pods;
        this.api = api;
        this.events = new HeldEvents(events);
        this.config = config;
        this.volumes = new VolumeSetup(node.stateDir(), config, node.allocatable());
        this.terminationMessages = new TerminationMessages(node.stateDir(), runtime);
        this.probes = probes;
        this.images = new ImagePuller(runtime, this.events, clock, node.imagePulls());
        this.clock = clock;
    }

    /** Events recorded during a sync are written after it, its status first ({@link HeldEvents}). */
    @Override
    public Result reconcile(ObjectKey key) {
        events.hold();
        try {
            return reconcileHeld(key);
        } finally {
            events.release();
        }
    }

    private Result reconcileHeld(ObjectKey key) {
        Optional<Pod> cached = pods.get(key);
        Map<String, String> filter = new HashMap<>(ContainerLabels.owner(node.owner().clusterId(), node.owner().nodeName()));
        filter.put(ContainerLabels.POD_NAMESPACE, key.namespace());
        filter.put(ContainerLabels.POD_NAME, key.name());
        List<RuntimeContainer> all = runtime.list(filter);
        if (cached.isEmpty() || !node.owner().nodeName().equals(cached.get().getSpec().getNodeName())) {
            if (pods.synced()) {
                removeAll(null, all, Duration.ZERO);
            }
            return Result.done();
        }
        Pod pod = cached.get();
        String uid = pod.getMetadata().getUid();
        List<RuntimeContainer> stale = all.stream().filter(c -> !uid.equals(c.label(ContainerLabels.POD_UID))).toList();
        if (!stale.isEmpty()) {
            removeAll(null, stale, Duration.ZERO);
        }
        List<RuntimeContainer> mine = all.stream().filter(c -> uid.equals(c.label(ContainerLabels.POD_UID))).toList();
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            Long grace = pod.getMetadata().getDeletionGracePeriodSeconds();
            if (grace == null) {
                grace = pod.getSpec().getTerminationGracePeriodSeconds() == null ? 30 : pod.getSpec().getTerminationGracePeriodSeconds();
            }
            removeAll(pod, mine, Duration.ofSeconds(grace));
            api.deleteNow(pod);
            written.remove(uid);
            writtenVersions.remove(uid);
            return Result.done();
        }
        return sync(pod, mine);
    }

    private Result sync(Pod pod, List<RuntimeContainer> containers) {
        long started = System.nanoTime();
        Instant now = clock.instant();
        String uid = pod.getMetadata().getUid();
        boolean terminal = "Succeeded".equals(phase(pod)) || "Failed".equals(phase(pod));
        Instant deadline = activeDeadline(pod);
        boolean deadlineExceeded = !terminal && deadline != null && !now.isBefore(deadline);
        if (deadlineExceeded) {
            events.warning(pod, null, "DeadlineExceeded", DEADLINE_EXCEEDED);
            containers.forEach(c -> probes.forget(c.id()));
            stopTogether(pod, containers, grace(pod), containers);
            containers = runtime.list(Map.of(ContainerLabels.CLUSTER, node.owner().clusterId(),
                    ContainerLabels.NODE, node.owner().nodeName(), ContainerLabels.POD_UID, uid));
            terminal = true;
        }
        Optional<RuntimeContainer> running = containers.stream()
                .filter(c -> ContainerLabels.SANDBOX.equals(c.label(ContainerLabels.CONTAINER_NAME)) && c.running())
                .findFirst();
        Sandbox sandbox = running.map(c -> new Sandbox(c.id(), CompletableFuture.completedFuture(c), handlerOf(c)))
                .orElse(null);
        if (sandbox == null && !terminal) {
            sandbox = startSandbox(pod, containers);
            if (!containers.isEmpty()) {
                containers = runtime.list(Map.of(ContainerLabels.CLUSTER, node.owner().clusterId(),
                        ContainerLabels.NODE, node.owner().nodeName(), ContainerLabels.POD_UID, uid));
            }
        }
        String volumeError = null;
        if (!terminal) {
            try {
                volumes.setUp(pod);
            } catch (ContainerConfigException e) {
                volumeError = e.getMessage();
                events.warning(pod, null, "FailedMount", "MountVolume.SetUp failed: " + e.getMessage());
            }
        }
        // a volume that cannot be set up yet (a ConfigMap about to be published) is retried soon,
        // as the kubelet's volume manager retries with a short backoff
        Duration resync = volumeError == null || node.syncInterval().compareTo(VOLUME_RETRY) < 0
                ? node.syncInterval() : VOLUME_RETRY;
        Instant requeueAt = now.plus(resync);
        if (deadline != null && !terminal) {
            requeueAt = min(requeueAt, deadline);
        }
        InitContainers init = initContainers(pod, containers, sandbox, volumeError, now, !terminal && sandbox != null);
        if (init.requeueAt() != null) {
            requeueAt = min(requeueAt, init.requeueAt());
        }
        List<ContainerObservation> observed = new ArrayList<>();
        for (Container container : pod.getSpec().getContainers()) {
            List<RuntimeContainer> attempts = attempts(containers, container.getName());
            RuntimeContainer current = attempts.isEmpty() ? null : attempts.get(0);
            RuntimeContainer previous = attempts.size() > 1 ? attempts.get(1) : null;
            int restartCount = current == null ? 0 : restartCount(current);
            String field = "spec.containers{" + container.getName() + "}";
            current = killIfUnhealthy(pod, container, field, current, containers);
            if (terminal || sandbox == null || !init.done()) {
                observed.add(new ContainerObservation(container.getName(), container.getImage(), current, previous,
                        restartCount, terminal || sandbox == null ? null : "PodInitializing", null, false, false));
                continue;
            }
            boolean restartExited = current != null && current.state() != RuntimeContainer.State.RUNNING
                    && RestartBackOff.shouldRestart(restartPolicy(pod), current.exitCode());
            Progress progress = advance(pod, container, field, sandbox, attempts, current, previous, restartExited,
                    volumeError == null ? null : "ContainerCreating", false, now);
            current = progress.current();
            previous = progress.previous();
            restartCount = progress.restartCount();
            String waitingReason = progress.waitingReason();
            String waitingMessage = progress.waitingMessage();
            if (progress.retryAt() != null) {
                requeueAt = min(requeueAt, progress.retryAt());
            }
            boolean ready = false;
            boolean containerStarted = false;
            if (current != null && current.running()) {
                probes.ensure(pod, container, current.id(), sandbox == null ? "" : podIp(pod, sandbox));
                ready = probes.ready(container, current.id());
                containerStarted = probes.started(container, current.id());
            }
            observed.add(new ContainerObservation(container.getName(), container.getImage(), current, previous,
                    restartCount, waitingReason, waitingMessage, ready, containerStarted));
        }
        List<ContainerObservation> ephemeral = ephemeralContainers(pod, containers, observed, sandbox, terminal);
        String podIp = sandbox == null ? "" : podIp(pod, sandbox);
        PodStatus lastWritten = written.get(uid);
        Pod base = lastWritten == null ? pod : new Pod(pod.getApiVersion(), pod.getKind(), pod.getMetadata(), pod.getSpec(),
                PodStatuses.withForeignConditions(lastWritten, pod.getStatus()));
        PodStatus status = PodStatuses.compute(base, podIp, node.hostIp(), init.observed(), observed, init.failed(), now);
        if (!ephemeral.isEmpty()) {
            status.setEphemeralContainerStatuses(ephemeral.stream().map(PodStatuses::containerStatus).toList());
        }
        List<Container> specs = new ArrayList<>(pod.getSpec().getContainers());
        if (pod.getSpec().getInitContainers() != null) {
            specs.addAll(pod.getSpec().getInitContainers());
        }
        terminationMessages.fill(status, specs, containers);
        if (deadlineExceeded) {
            status.setPhase("Failed");
            status.setReason("DeadlineExceeded");
            status.setMessage(DEADLINE_EXCEEDED);
        }
        if ((("Succeeded".equals(status.getPhase()) || "Failed".equals(status.getPhase())) && sandbox != null)) {
            runtime.stop(sandbox.id(), Duration.ZERO);
        }
        long synced = System.nanoTime();
        boolean wrote = writeStatus(pod, status);
        if (wrote) {
            LOG.atDebug().addKeyValue("pod", pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName())
                    .addKeyValue("phase", status.getPhase())
                    .addKeyValue("syncMs", (synced - started) / 1_000_000)
                    .addKeyValue("statusMs", (System.nanoTime() - synced) / 1_000_000)
                    .log("Pod synced: {} in {} ms, status written in {} ms", status.getPhase(),
                            (synced - started) / 1_000_000, (System.nanoTime() - synced) / 1_000_000);
        }
        Duration wait = Duration.between(clock.instant(), requeueAt);
        return wait.isNegative() || wait.isZero() ? Result.requeueAfter(Duration.ofMillis(10)) : Result.requeueAfter(wait);
    }

    private record StartOutcome(RuntimeContainer container, String reason, String message, Instant retryAt) {
    }

    /**
     * One container after this sync's decision: its newest attempt (the one before it as previous)
     * and restart count, why it waits (CrashLoopBackOff, ContainerCreating, an image or config
     * error), and when to look again.
     */
    private record Progress(RuntimeContainer current, RuntimeContainer previous, int restartCount, String waitingReason,
            String waitingMessage, Instant retryAt) {
    }

    /**
     * Starts an app or init container that never ran, or — {@code restartExited} — its exited
     * attempt again once the back-off allows (older attempts removed); while the pod's volumes are
     * not ready it waits with {@code waitingForVolumes} instead.
     */
    private Progress advance(Pod pod, Container container, String field, Sandbox sandbox, List<RuntimeContainer> attempts,
            RuntimeContainer current, RuntimeContainer previous, boolean restartExited, String waitingForVolumes,
            boolean initContainer, Instant now) {
        int restartCount = current == null ? 0 : restartCount(current);
        int nextAttempt = 0;
        if (current != null) {
            if (!restartExited) {
                return new Progress(current, previous, restartCount, null, null, null);
            }
            String backOffKey = pod.getMetadata().getUid() + "/" + container.getName();
            int step = RestartBackOff.stepFor(backOffSteps.getOrDefault(backOffKey, 0), current.startedAt(), current.finishedAt());
            Duration delay = RestartBackOff.delay(step);
            Instant restartAt = current.finishedAt().plus(delay);
            if (now.isBefore(restartAt)) {
                String podName = pod.getMetadata().getName() + "_" + pod.getMetadata().getNamespace() + "("
                        + pod.getMetadata().getUid() + ")";
                events.warning(pod, field, "BackOff", "Back-off restarting failed container " + container.getName()
                        + " in pod " + podName);
                return new Progress(current, previous, restartCount, "CrashLoopBackOff", "back-off " + delay.toSeconds()
                        + "s restarting failed container=" + container.getName() + " pod=" + podName, restartAt);
            }
            backOffSteps.put(backOffKey, step + 1);
            nextAttempt = restartCount + 1;
        }
        if (waitingForVolumes != null) {
            return new Progress(current, previous, restartCount, waitingForVolumes, null, null);
        }
        StartOutcome outcome = startContainer(pod, container, sandbox, nextAttempt, null, initContainer);
        if (outcome.container() == null) {
            return new Progress(current, previous, restartCount, outcome.reason(), outcome.message(), outcome.retryAt());
        }
        if (current != null) {
            removeOlderThan(attempts, current);
            previous = current;
        }
        return new Progress(outcome.container(), previous, nextAttempt, null, null, null);
    }

    /**
     * Stops a running container whose liveness or startup probe failed, as the kubelet kills it
     * (preStop hook, grace period); the container as it then is, for the restart to follow.
     */
    private RuntimeContainer killIfUnhealthy(Pod pod, Container container, String field, RuntimeContainer current,
            List<RuntimeContainer> containers) {
        if (current == null || !current.running()) {
            return current;
        }
        boolean startupFailed = probes.startupFailed(container, current.id());
        if (probes.alive(current.id()) && !startupFailed) {
            return current;
        }
        events.normal(pod, field, "Killing", "Container " + container.getName() + " failed "
                + (startupFailed ? "startup" : "liveness") + " probe, will be restarted");
        probes.forget(current.id());
        events.flush();
        stopContainer(pod, container, current.id(), grace(pod), podIp(pod, containers));
        return runtime.inspect(current.id()).orElse(null);
    }

    /**
     * How far the pod's init containers got: {@code done} once each has exited 0 (a sidecar —
     * {@code restartPolicy: Always} — once it runs), {@code failed} when one failed under
     * {@code restartPolicy: Never}; {@code observed} for initContainerStatuses.
     */
    record InitContainers(List<ContainerObservation> observed, boolean done, boolean failed, Instant requeueAt) {
    }

    /**
     * Runs the init containers as the kubelet does: one at a time, in order, each after the one
     * before exited 0; a failed one is restarted with back-off (Init:CrashLoopBackOff) unless the
     * pod's restartPolicy is Never, which fails the pod. A sidecar (an init container with
     * {@code restartPolicy: Always}) is started in its turn and kept running beside the app
     * containers, restarted whenever it exits. Example, with init containers a and b: first sync
     * starts a; the syncs while a runs wait; once a exited 0, b starts; once b exited 0, the app
     * containers start. Without {@code act} (a finished pod) they are only observed.
     */
    private InitContainers initContainers(Pod pod, List<RuntimeContainer> containers, Sandbox sandbox, String volumeError,
            Instant now, boolean act) {
        List<Container> specs = pod.getSpec().getInitContainers() == null ? List.of() : pod.getSpec().getInitContainers();
        List<ContainerObservation> observed = new ArrayList<>();
        boolean blocked = false;
        boolean failed = false;
        Instant requeueAt = null;
        for (Container container : specs) {
            List<RuntimeContainer> attempts = attempts(containers, container.getName());
            RuntimeContainer current = attempts.isEmpty() ? null : attempts.get(0);
            RuntimeContainer previous = attempts.size() > 1 ? attempts.get(1) : null;
            int restartCount = current == null ? 0 : restartCount(current);
            boolean sidecar = "Always".equals(container.getRestartPolicy());
            String field = "spec.initContainers{" + container.getName() + "}";
            if (!act || blocked || failed) {
                boolean completed = current != null && current.state() == RuntimeContainer.State.EXITED
                        && current.exitCode() == 0;
                observed.add(new ContainerObservation(container.getName(), container.getImage(), current, previous,
                        restartCount, current == null && act ? "PodInitializing" : null, null, completed && !sidecar, false));
                continue;
            }
            if (sidecar) {
                current = killIfUnhealthy(pod, container, field, current, containers);
            }
            boolean restartExited = current != null && current.state() != RuntimeContainer.State.RUNNING
                    && current.state() != RuntimeContainer.State.CREATED && (sidecar || current.exitCode() != 0);
            failed = restartExited && !sidecar && "Never".equals(restartPolicy(pod));
            Progress progress = failed ? new Progress(current, previous, restartCount, null, null, null)
                    : advance(pod, container, field, sandbox, attempts, current, previous, restartExited,
                            volumeError == null ? null : "PodInitializing", true, now);
            current = progress.current();
            previous = progress.previous();
            restartCount = progress.restartCount();
            String waitingReason = progress.waitingReason();
            String waitingMessage = progress.waitingMessage();
            if (progress.retryAt() != null) {
                requeueAt = requeueAt == null ? progress.retryAt() : min(requeueAt, progress.retryAt());
            }
            boolean running = current != null && current.running();
            boolean completed = !sidecar && current != null && current.state() == RuntimeContainer.State.EXITED
                    && current.exitCode() == 0 && waitingReason == null;
            boolean ready = completed;
            if (sidecar && running) {
                probes.ensure(pod, container, current.id(), podIp(pod, sandbox));
                ready = probes.ready(container, current.id());
            }
            boolean sidecarStarted = sidecar && running && probes.started(container, current.id());
            observed.add(new ContainerObservation(container.getName(), container.getImage(), current, previous,
                    restartCount, waitingReason, waitingMessage, ready, sidecarStarted));
            blocked = sidecar ? !sidecarStarted : !completed;
        }
        return new InitContainers(observed, !blocked && !failed, failed, requeueAt);
    }

    /** What starting an ephemeral container takes besides a container's: the container whose processes it sees, if any. */
    private record Ephemeral(String pidTarget) {
    }

    /**
     * Starts each ephemeral container ({@code kubectl debug}) once, in the pod's network and, with
     * a {@code targetContainerName}, in that container's process namespace; never restarts one,
     * and never counts one toward the pod's phase or readiness, as the kubelet.
     */
    private List<ContainerObservation> ephemeralContainers(Pod pod, List<RuntimeContainer> containers,
            List<ContainerObservation> regular, Sandbox sandbox, boolean terminal) {
        List<ContainerObservation> observed = new ArrayList<>();
        for (EphemeralContainer e : pod.getSpec().getEphemeralContainers() == null ? List.<EphemeralContainer>of()
                : pod.getSpec().getEphemeralContainers()) {
            Container container = EphemeralContainers.asContainer(e);
            List<RuntimeContainer> attempts = attempts(containers, container.getName());
            RuntimeContainer current = attempts.isEmpty() ? null : attempts.get(0);
            String waitingReason = null;
            String waitingMessage = null;
            if (current == null && !terminal && sandbox != null) {
                String targetId = regular.stream().filter(o -> o.name().equals(e.getTargetContainerName()))
                        .map(ContainerObservation::current).filter(c -> c != null && c.running())
                        .map(RuntimeContainer::id).findFirst().orElse(null);
                StartOutcome outcome = startContainer(pod, container, sandbox, 0, new Ephemeral(targetId), false);
                current = outcome.container();
                waitingReason = outcome.reason();
                waitingMessage = outcome.message();
            }
            observed.add(new ContainerObservation(container.getName(), container.getImage(), current, null, 0,
                    waitingReason, waitingMessage, false, current != null && current.running()));
        }
        return observed;
    }

    /**
     * Pulls (per policy), resolves env and mounts, creates and starts one container. A new pod's
     * pause container is still starting meanwhile (Docker takes longest there, for the network);
     * the app container is created beside it and started once it runs, waiting for its IP only
     * when the env needs status.podIP.
     */
    private StartOutcome startContainer(Pod pod, Container container, Sandbox sandbox, int attempt, Ephemeral ephemeral,
            boolean initContainer) {
        String field = (ephemeral != null ? "spec.ephemeralContainers{" : initContainer ? "spec.initContainers{"
                : "spec.containers{") + container.getName() + "}";
        ImagePuller.Outcome image = images.ensure(pod, container);
        if (!image.ready()) {
            return new StartOutcome(null, image.reason(), image.message(), image.retryAt());
        }
        List<String> env;
        List<ContainerSpec.Mount> mounts;
        try {
            String podIp = referencesPodIp(container) ? podIp(pod, sandbox) : "";
            env = EnvResolver.resolve(pod, container, new EnvResolver.PodFields(podIp, node.hostIp(), node.allocatable()), config);
            mounts = new ArrayList<>(VolumeMounts.forContainer(node.stateDir(), pod, container));
            mounts.add(terminationMessages.prepare(pod.getMetadata().getUid(), container, attempt));
        } catch (ContainerConfigException e) {
            events.warning(pod, field, "Failed", "Error: " + e.getMessage());
            return new StartOutcome(null, "CreateContainerConfigError", e.getMessage(), null);
        }
        String nonRoot = ContainerSpecs.nonRootViolation(pod, container, runtime.imageUser(container.getImage()).orElse(""));
        if (nonRoot != null) {
            events.warning(pod, field, "Failed", "Error: " + nonRoot);
            return new StartOutcome(null, "CreateContainerConfigError", nonRoot, null);
        }
        ContainerSpec spec = (ephemeral != null
                ? ContainerSpecs.ephemeral(pod, container, sandbox.id(), env, mounts, node.owner(), ephemeral.pidTarget())
                : ContainerSpecs.app(pod, container, sandbox.id(), env, mounts, attempt, node.owner()))
                .withRuntimeHandler(sandbox.handler());
        String id;
        try {
            id = runtime.create(spec);
        } catch (RuntimeException e) {
            events.warning(pod, field, "Failed", "Error: " + e.getMessage());
            return new StartOutcome(null, "CreateContainerError", e.getMessage(), null);
        }
        events.normal(pod, field, "Created", "Created container " + container.getName());
        try {
            sandbox.await();
            runtime.start(id);
            events.normal(pod, field, "Started", "Started container " + container.getName());
            if (container.getLifecycle() != null && container.getLifecycle().getPostStart() != null) {
                String failed = LifecycleHooks.run(probes.runner(), container.getLifecycle().getPostStart(), container, id,
                        podIp(pod, sandbox), POST_START_TIMEOUT);
                if (failed != null) {
                    LOG.atInfo().addKeyValue("container", container.getName()).log("PostStartHook failed: {}", failed);
                    events.warning(pod, field, "FailedPostStartHook", "PostStartHook failed");
                    events.normal(pod, field, "Killing", "FailedPostStartHook");
                    runtime.stop(id, grace(pod));
                }
            }
        } catch (RuntimeException e) {
            events.warning(pod, field, "Failed", "Error: failed to start container \"" + container.getName() + "\": "
                    + e.getMessage());
        }
        return new StartOutcome(runtime.inspect(id).orElse(null), null, null, null);
    }

    /** The pod's IP: the node's for a pod on the host network, else its pause container's (waiting for it to start). */
    private String podIp(Pod pod, Sandbox sandbox) {
        return hostNetwork(pod) ? node.hostIp() : sandbox.await().ipAddress();
    }

    /** When the pod's activeDeadlineSeconds run out, counted from its startTime; null without a deadline or start. */
    private static Instant activeDeadline(Pod pod) {
        Long seconds = pod.getSpec().getActiveDeadlineSeconds();
        String start = pod.getStatus() == null ? null : pod.getStatus().getStartTime();
        if (seconds == null || start == null) {
            return null;
        }
        return Instant.parse(start).plusSeconds(seconds);
    }

    static boolean hostNetwork(Pod pod) {
        return Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
    }

    /**
     * A pause container whose id is known at once and whose IP once Docker has started it;
     * {@code handler} is the runtime that runs it and every container of the pod (null: the engine's default).
     */
    private record Sandbox(String id, CompletableFuture<RuntimeContainer> started, String handler) {
        RuntimeContainer await() {
            return started.join();
        }
    }

    /** The runtime handler a running pause container was made with; null for the engine's default. */
    private static String handlerOf(RuntimeContainer sandbox) {
        String handler = sandbox.label(ContainerLabels.RUNTIME_HANDLER);
        return handler.isEmpty() ? null : handler;
    }

    /**
     * Makes the pod's pause container, after stopping what ran in an old one; null when the pod's
     * RuntimeClass gives no runtime to run it on (a {@code FailedCreatePodSandBox} event says why,
     * and the next sync tries again).
     */
    private Sandbox startSandbox(Pod pod, List<RuntimeContainer> containers) {
        java.util.Set<String> initNames = new java.util.HashSet<>();
        if (pod.getSpec().getInitContainers() != null) {
            pod.getSpec().getInitContainers().forEach(c -> initNames.add(c.getName()));
        }
        for (RuntimeContainer c : containers) {
            if (ContainerLabels.SANDBOX.equals(c.label(ContainerLabels.CONTAINER_NAME))) {
                runtime.remove(c.id());
            } else if (initNames.contains(c.label(ContainerLabels.CONTAINER_NAME))) {
                // a new sandbox runs the init containers again, as the kubelet does
                if (c.running()) {
                    runtime.stop(c.id(), grace(pod));
                }
                runtime.remove(c.id());
            } else if (c.running()) {
                // its network namespace is gone with the old pause container
                runtime.stop(c.id(), grace(pod));
            }
        }
        RuntimeHandlers.Resolution resolution = RuntimeHandlers.resolve(pod, config::runtimeClass, runtime::runtimeHandlers);
        if (resolution instanceof RuntimeHandlers.Failure failure) {
            LOG.atWarn().addKeyValue("pod", pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName())
                    .addKeyValue("runtimeClassName", pod.getSpec().getRuntimeClassName())
                    .log("CreatePodSandbox for pod failed: {}", failure.message());
            events.warning(pod, null, RuntimeHandlers.FAILED_CREATE_POD_SANDBOX, failure.eventMessage());
            return null;
        }
        String handler = ((RuntimeHandlers.Handler) resolution).name();
        ContainerSpec spec = ContainerSpecs.sandbox(pod, node.owner(), node.pauseImage(), node.pauseCommand(),
                PodDns.of(pod, clusterDns(), node.clusterDomain(), PodSync::hostDns), node.clusterDomain())
                .withRuntimeHandler(handler);
        String id = runtime.create(spec);
        CompletableFuture<RuntimeContainer> started = CompletableFuture.supplyAsync(() -> {
            runtime.start(id);
            return runtime.inspect(id).orElseThrow(() -> new IllegalStateException("pause container " + id + " vanished"));
        }, sandboxStarts);
        return new Sandbox(id, started, handler);
    }

    /** The kube-dns Service's ClusterIP, null when the cluster has no DNS. */
    private String clusterDns() {
        return config.services(CLUSTER_DNS_NAMESPACE).stream()
                .filter(s -> CLUSTER_DNS_SERVICE.equals(s.getMetadata().getName()) && s.getSpec() != null)
                .map(s -> s.getSpec().getClusterIP())
                .filter(ip -> ip != null && !ip.isEmpty() && !"None".equals(ip))
                .findFirst().orElse(null);
    }

    private static ContainerSpec.Dns hostDns() {
        try {
            return PodDns.parseResolvConf(Files.exists(HOST_RESOLV_CONF) ? Files.readString(HOST_RESOLV_CONF) : "");
        } catch (IOException e) {
            return PodDns.parseResolvConf("");
        }
    }

    static boolean referencesPodIp(Container container) {
        if (container.getEnv() == null) {
            return false;
        }
        return container.getEnv().stream().anyMatch(e -> e.getValueFrom() != null && e.getValueFrom().getFieldRef() != null
                && e.getValueFrom().getFieldRef().getFieldPath() != null
                && e.getValueFrom().getFieldRef().getFieldPath().startsWith("status.podIP"));
    }

    /** Stops (in parallel, each with the grace period) and removes containers, then the pod's volumes. */
    private void removeAll(Pod pod, List<RuntimeContainer> containers, Duration grace) {
        // the app containers first, together; then the sidecars, last-started first, in what is
        // left of the grace period, so a proxy outlives the app it serves (the kubelet's order)
        List<String> sidecars = new ArrayList<>();
        if (pod != null && pod.getSpec().getInitContainers() != null) {
            pod.getSpec().getInitContainers().stream().filter(c -> "Always".equals(c.getRestartPolicy()))
                    .forEach(c -> sidecars.add(0, c.getName()));
        }
        long deadline = System.nanoTime() + grace.toNanos();
        stopTogether(pod, containers.stream().filter(c -> !sidecars.contains(c.label(ContainerLabels.CONTAINER_NAME))).toList(),
                grace, containers);
        for (String sidecar : sidecars) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            stopTogether(pod, containers.stream().filter(c -> sidecar.equals(c.label(ContainerLabels.CONTAINER_NAME))).toList(),
                    left.compareTo(MINIMUM_GRACE) < 0 && !grace.isZero() ? MINIMUM_GRACE : left, containers);
        }
        java.util.Set<String> uids = new java.util.HashSet<>();
        for (RuntimeContainer c : containers) {
            probes.forget(c.id());
            terminationMessages.forget(c.id());
            runtime.remove(c.id());
            uids.add(c.label(ContainerLabels.POD_UID));
        }
        for (String uid : uids) {
            volumes.tearDown(uid);
            images.forget(uid);
            backOffSteps.keySet().removeIf(k -> k.startsWith(uid + "/"));
            written.remove(uid);
            writtenVersions.remove(uid);
        }
        if (!containers.isEmpty()) {
            LOG.atInfo().addKeyValue("pod", containers.get(0).label(ContainerLabels.POD_NAMESPACE) + "/"
                    + containers.get(0).label(ContainerLabels.POD_NAME)).addKeyValue("containers", containers.size())
                    .log("Removed the pod's containers");
        }
    }

    /** Stops the running ones of {@code stopping} in parallel, each with {@code grace}; {@code all} gives the pod IP. */
    private void stopTogether(Pod pod, List<RuntimeContainer> stopping, Duration grace, List<RuntimeContainer> all) {
        List<Thread> stops = new ArrayList<>();
        String ip = podIp(pod, all);
        for (RuntimeContainer c : stopping) {
            if (!c.running() || ContainerLabels.SANDBOX.equals(c.label(ContainerLabels.CONTAINER_NAME))) {
                continue;
            }
            if (pod != null) {
                events.normal(pod, "spec.containers{" + c.label(ContainerLabels.CONTAINER_NAME) + "}", "Killing",
                        "Stopping container " + c.label(ContainerLabels.CONTAINER_NAME));
            }
            Container spec = pod == null ? null : specOf(pod, c.label(ContainerLabels.CONTAINER_NAME));
            Thread stop = new Thread(() -> stopContainer(pod, spec, c.id(), grace, ip), "stop-" + c.name());
            stop.start();
            stops.add(stop);
        }
        events.flush();
        for (Thread t : stops) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Stops a container as the kubelet kills one: its preStop hook first, within the grace period,
     * then SIGTERM with what is left of it (at least two seconds), then SIGKILL.
     */
    private void stopContainer(Pod pod, Container container, String id, Duration grace, String podIp) {
        Duration left = grace;
        if (pod != null && container != null && container.getLifecycle() != null
                && container.getLifecycle().getPreStop() != null && !grace.isZero()) {
            long started = System.nanoTime();
            String failed = LifecycleHooks.run(probes.runner(), container.getLifecycle().getPreStop(), container, id, podIp,
                    grace);
            if (failed != null) {
                LOG.atInfo().addKeyValue("container", container.getName()).log("PreStopHook failed: {}", failed);
                events.warning(pod, "spec.containers{" + container.getName() + "}", "FailedPreStopHook", "PreStopHook failed");
            }
            left = grace.minusNanos(System.nanoTime() - started);
            if (left.compareTo(MINIMUM_GRACE) < 0) {
                left = MINIMUM_GRACE;
            }
        }
        runtime.stop(id, left);
    }

    /** The spec of the pod's container (app or init) of that name, or null. */
    private static Container specOf(Pod pod, String name) {
        List<Container> all = new ArrayList<>(pod.getSpec().getContainers());
        if (pod.getSpec().getInitContainers() != null) {
            all.addAll(pod.getSpec().getInitContainers());
        }
        return all.stream().filter(c -> c.getName().equals(name)).findFirst().orElse(null);
    }

    /** The pod IP: the node's on the host network, else its pause container's among {@code containers}; "" when none. */
    private String podIp(Pod pod, List<RuntimeContainer> containers) {
        if (pod != null && hostNetwork(pod)) {
            return node.hostIp();
        }
        return containers.stream().filter(c -> ContainerLabels.SANDBOX.equals(c.label(ContainerLabels.CONTAINER_NAME)))
                .map(RuntimeContainer::ipAddress).filter(ip -> ip != null && !ip.isEmpty()).findFirst().orElse("");
    }

    /**
     * Writes unless the API already has this status: the cached pod shows it, or this worker wrote
     * it and nobody changed the pod since (the cache may lag behind our own write, but a newer
     * resourceVersion than ours means someone else — the node lifecycle controller marking the pod
     * not ready — wrote after us).
     */
    private boolean writeStatus(Pod pod, PodStatus status) {
        String uid = pod.getMetadata().getUid();
        if (status.equals(pod.getStatus())) {
            return false;
        }
        if (status.equals(written.get(uid)) && !newer(pod.getMetadata().getResourceVersion(), writtenVersions.get(uid))) {
            return false;
        }
        String version = api.writeStatus(pod, status);
        written.put(uid, status);
        writtenVersions.put(uid, version);
        return true;
    }

    private static boolean newer(String cached, String ours) {
        try {
            return ours != null && !ours.isEmpty() && Long.parseLong(cached) > Long.parseLong(ours);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void removeOlderThan(List<RuntimeContainer> attempts, RuntimeContainer keep) {
        for (RuntimeContainer c : attempts) {
            if (restartCount(c) < restartCount(keep)) {
                terminationMessages.forget(c.id());
                runtime.remove(c.id());
            }
        }
    }

    /** The container's attempts, newest first. */
    static List<RuntimeContainer> attempts(List<RuntimeContainer> containers, String name) {
        return containers.stream().filter(c -> name.equals(c.label(ContainerLabels.CONTAINER_NAME)))
                .sorted(Comparator.comparingInt(PodSync::restartCount).reversed()).toList();
    }

    static int restartCount(RuntimeContainer c) {
        try {
            return Integer.parseInt(c.label(ContainerLabels.RESTART_COUNT));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Duration grace(Pod pod) {
        Long grace = pod.getSpec().getTerminationGracePeriodSeconds();
        return Duration.ofSeconds(grace == null ? 30 : grace);
    }

    private static String restartPolicy(Pod pod) {
        return pod.getSpec().getRestartPolicy() == null ? "Always" : pod.getSpec().getRestartPolicy();
    }

    private static String phase(Pod pod) {
        return pod.getStatus() == null ? null : pod.getStatus().getPhase();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
