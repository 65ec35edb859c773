package io.kubelite.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubelite.controller.client.ClusterConnection;
import io.kubelite.controller.events.ApiEventRecorder;
import io.kubelite.controller.events.EventRecorder;
import io.kubelite.controller.informer.Indexes;
import io.kubelite.controller.informer.Informer;
import io.kubelite.controller.informer.InformerFactory;
import io.kubelite.controller.manager.ControllerManager;
import io.kubelite.controller.reconcile.Controller;
import io.kubelite.scheduler.binding.ApiPodBinder;
import io.kubelite.scheduler.cache.SchedulerCache;
import io.kubelite.scheduler.filters.NodeFilter;
import io.kubelite.scheduler.lifecycle.ApiNodeControl;
import io.kubelite.scheduler.lifecycle.NodeLifecycleController;
import io.kubelite.scheduler.lifecycle.NodeLifecycleReconciler;
import io.kubelite.scheduler.metrics.SchedulerMetrics;
import io.kubelite.scheduler.placement.Placement;
import io.kubelite.scheduler.preemption.Budget;
import io.kubelite.scheduler.preemption.Preemption;
import io.kubelite.scheduler.scheduling.ActiveQueue;
import io.kubelite.scheduler.scheduling.SchedulerEvents;
import io.kubelite.scheduler.scheduling.SchedulingController;
import io.kubelite.scheduler.scheduling.SchedulingReconciler;
import io.kubelite.scheduler.scheduling.UnschedulablePods;
import io.kubelite.scheduler.scores.NodeScorer;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The scheduler and the node lifecycle controller on one set of informers (nodes, pods, node
 * Leases), run by a {@link ControllerManager} holding the Lease {@code kube-system/kube-scheduler}:
 * standbys keep their caches warm; only the leader binds, so two replicas never bind twice (and the
 * binding subresource refuses a second binding anyway).
 */
@Configuration(proxyBeanMethods = false)
class SchedulerWiring {

    @Bean
    ClusterConnection clusterConnection() {
        return ClusterConnection.fromEnvironment();
    }

    @Bean(destroyMethod = "close")
    KubernetesClient kubernetesClient(ClusterConnection connection) {
        return connection.newClient("scheduler-service");
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    InformerFactory informerFactory(KubernetesClient client, ClusterConnection connection, SchedulerProperties props) {
        return new InformerFactory(client, connection.kafkaBootstrapServers(), props.resyncPeriod());
    }

    @Bean
    Informer<Pod> podInformer(InformerFactory informers) {
        Informer<Pod> pods = informers.informerFor(Pod.class);
        pods.addIndex(Indexes.NODE_NAME, Indexes::nodeName);
        return pods;
    }

    @Bean
    Informer<Node> nodeInformer(InformerFactory informers) {
        return informers.informerFor(Node.class);
    }

    @Bean
    Informer<Lease> leaseInformer(InformerFactory informers) {
        return informers.informerFor(Lease.class);
    }

    @Bean(destroyMethod = "close")
    ApiEventRecorder eventRecorder(KubernetesClient client, Clock clock) {
        return new ApiEventRecorder(client, "default-scheduler", hostname(), clock);
    }

    @Bean
    SchedulerCache schedulerCache(Informer<Node> nodes, Informer<Pod> pods, Informer<PersistentVolumeClaim> claims,
            UnschedulablePods parked, ActiveQueue queue) {
        SchedulerCache cache = new SchedulerCache();
        SchedulerEvents events = new SchedulerEvents(cache, parked, queue);
        nodes.addEventHandler(events.nodes());
        pods.addEventHandler(events.pods());
        claims.addEventHandler(events.claims());
        return cache;
    }

    @Bean
    Informer<PersistentVolumeClaim> claimInformer(InformerFactory informers) {
        return informers.informerFor(PersistentVolumeClaim.class);
    }

    /** Preemption spares pods whose PodDisruptionBudget has no disruption left, where it can. */
    @Bean
    Informer<PodDisruptionBudget> budgetInformer(InformerFactory informers) {
        return informers.informerFor(PodDisruptionBudget.class);
    }

    @Bean
    UnschedulablePods unschedulablePods() {
        return new UnschedulablePods();
    }

    @Bean
    ActiveQueue activeQueue() {
        return new ActiveQueue();
    }

    @Bean
    SchedulerMetrics schedulerMetrics(ActiveQueue queue, UnschedulablePods parked) {
        return new SchedulerMetrics(queue, parked);
    }

    @Bean(destroyMethod = "close")
    ControllerManager controllerManager(KubernetesClient client, InformerFactory informers, Informer<Pod> pods,
            Informer<Node> nodes, Informer<Lease> leases, Informer<PersistentVolumeClaim> claims,
            Informer<PodDisruptionBudget> budgets, SchedulerCache cache, UnschedulablePods parked,
            ActiveQueue queue, EventRecorder events, SchedulerProperties props, Clock clock, MeterRegistry meters,
            SchedulerMetrics schedulerMetrics) {
        ApiPodBinder binder = new ApiPodBinder(client, clock);
        ApiNodeControl nodeControl = new ApiNodeControl(client, clock);
        Set<String> names = new HashSet<>(props.schedulerNames());
        ControllerManager manager = new ControllerManager("scheduler-service", client, informers, props.leaseName(),
                () -> {
                    // One term of leadership: fresh controllers (and queues) on the shared, warm caches.
                    Placement placement = new Placement(NodeFilter.defaults(), NodeScorer.defaults(), new Random(),
                            props.percentageOfNodesToScore());
                    SchedulingReconciler scheduling = new SchedulingReconciler(pods.lister(), names, cache, placement,
                            binder, events, parked, queue, props.maxInFlightBindings(), props.unschedulableRetry(),
                            claims.lister()::get, Preemption.defaults(),
                            () -> budgets.lister().list().stream().map(Budget::of).toList(), schedulerMetrics);
                    NodeLifecycleReconciler lifecycle = new NodeLifecycleReconciler(nodes.lister(), leases.lister(),
                            pods.lister(), nodeControl, events, clock, props.nodeMonitorGracePeriod(),
                            props.podEvictionTimeout());
                    List<Controller> controllers = new ArrayList<>();
                    controllers.add(SchedulingController.build(pods, names, scheduling, queue, meters));
                    controllers.add(NodeLifecycleController.build(nodes, leases, pods, lifecycle, meters));
                    return controllers;
                });
        manager.startInBackground();
        return manager;
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
