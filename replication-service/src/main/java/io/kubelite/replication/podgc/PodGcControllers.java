package io.kubelite.replication.podgc;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubelite.controller.informer.Informer;
import io.kubelite.controller.reconcile.Controller;
import io.kubelite.controller.reconcile.ControllerBuilder;
import io.kubelite.replication.ControllerSet;
import io.kubelite.replication.ReplicationProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The pod garbage collector as a controller of one key: a node leaving starts a pass at once, and
 * every pass schedules the next one a period later. Pod events do not start passes (a pass looks at
 * every pod, and pods change all the time).
 */
public final class PodGcControllers implements ControllerSet {

    private final Informer<Node> nodes;
    private final PodGc gc;
    private final Clock clock;
    private final MeterRegistry meters;

    public PodGcControllers(KubernetesClient client, Informer<Pod> pods, Informer<Node> nodes, ReplicationProperties props,
            Clock clock, MeterRegistry meters) {
        this.nodes = nodes;
        this.clock = clock;
        this.meters = meters;
        this.gc = new PodGc(() -> pods.lister().list(),
                () -> nodes.lister().list().stream().map(n -> n.getMetadata().getName()).collect(Collectors.toSet()),
                new PodGc.PodGcApi() {
                    @Override
                    public boolean nodeExists(String name) {
                        return client.nodes().withName(name).get() != null;
                    }

                    @Override
                    public void forceDelete(Pod pod, String reason) {
                        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                                .withGracePeriod(0).delete();
                    }
                },
                props.terminatedPodGcThreshold(), props.podGcPeriod(), props.podGcOrphanQuarantine(), clock);
    }

    @Override
    public List<Controller> build() {
        Controller controller = ControllerBuilder.named("pod-garbage-collector")
                .watches(nodes, node -> List.of(PodGc.KEY))
                .reconciler(gc).workers(1).clock(clock).meterRegistry(meters).build();
        controller.queue().add(PodGc.KEY);
        return List.of(controller);
    }
}
