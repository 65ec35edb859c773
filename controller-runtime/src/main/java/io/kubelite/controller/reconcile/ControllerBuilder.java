package io.kubelite.controller.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.informer.EventHandler;
import io.kubelite.controller.informer.Informer;
import io.kubelite.controller.metrics.MicrometerMetrics;
import io.kubelite.controller.queue.ExponentialBackoff;
import io.kubelite.controller.queue.QueueMetrics;
import io.kubelite.controller.queue.WorkQueue;
import io.kubelite.controller.time.ExecutorScheduler;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Wires a {@link Reconciler} to the informers of the kinds it watches: its own kind (an event
 * enqueues the object's key), the kinds it owns (an event enqueues the key of the object's
 * controller owner of the given kind, in the same namespace), and any other kind through a
 * mapping function. Handlers only enqueue keys. Example:
 *
 * <pre>{@code
 * Controller rs = ControllerBuilder.named("replicaset")
 *         .forKind(replicaSets)
 *         .owns(pods, "ReplicaSet")
 *         .reconciler(new ReplicaSetReconciler(...))
 *         .workers(2)
 *         .build();
 * }</pre>
 *
 * The handlers are registered on the informers by {@link #build}; the controller's workers
 * start with {@link Controller#start}. Keys enqueued before that wait in the queue.
 */
public final class ControllerBuilder {

    private final String name;
    private final List<Consumer<WorkQueue>> watches = new ArrayList<>();
    private Reconciler reconciler;
    private int workers = 1;
    private Clock clock = Clock.systemUTC();
    private MeterRegistry meterRegistry;
    private ToIntFunction<ObjectKey> priority;

    private ControllerBuilder(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    public static ControllerBuilder named(String name) {
        return new ControllerBuilder(name);
    }

    /** Reconciles each object of this informer's kind under its own key. */
    public <T extends HasMetadata> ControllerBuilder forKind(Informer<T> informer) {
        return watches(informer, object -> List.of(keyOf(object)));
    }

    /**
     * Reconciles the controller owner (ownerReference with {@code controller: true}) of kind
     * {@code ownerKind} of each object of this informer's kind.
     */
    public <T extends HasMetadata> ControllerBuilder owns(Informer<T> informer, String ownerKind) {
        return watches(informer, object -> ownerKey(object, ownerKind));
    }

    /** Reconciles whatever keys {@code mapper} gives for each changed object. */
    public <T extends HasMetadata> ControllerBuilder watches(Informer<T> informer,
            Function<? super T, ? extends Collection<ObjectKey>> mapper) {
        return watches(informer, mapper, (oldObject, newObject) -> true);
    }

    /**
     * As {@link #watches(Informer, Function)}, but an update counts only when {@code updateMatters}
     * says so for (old, new); additions, deletions and resyncs always count. E.g. a scheduler ignores a
     * pending pod's status-only updates, as kube-scheduler does.
     */
    public <T extends HasMetadata> ControllerBuilder watches(Informer<T> informer,
            Function<? super T, ? extends Collection<ObjectKey>> mapper, BiPredicate<? super T, ? super T> updateMatters) {
        watches.add(queue -> informer.addEventHandler(new EventHandler<T>() {
            @Override
            public void onAdd(T object) {
                mapper.apply(object).forEach(queue::add);
            }

            @Override
            public void onUpdate(T oldObject, T newObject) {
                if (oldObject != newObject && !updateMatters.test(oldObject, newObject)) {
                    return;
                }
                if (oldObject != newObject) {
                    mapper.apply(oldObject).forEach(queue::add);
                }
                mapper.apply(newObject).forEach(queue::add);
            }

            @Override
            public void onDelete(T object) {
                mapper.apply(object).forEach(queue::add);
            }
        }));
        return this;
    }

    public ControllerBuilder reconciler(Reconciler reconciler) {
        this.reconciler = reconciler;
        return this;
    }

    public ControllerBuilder workers(int workers) {
        this.workers = workers;
        return this;
    }

    public ControllerBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** Publishes queue depth, reconcile latency and errors to this registry. */
    public ControllerBuilder meterRegistry(MeterRegistry meterRegistry) {
        this.meterRegistry = meterRegistry;
        return this;
    }

    /** Hands queued keys to the workers highest {@code priority} first (see {@link WorkQueue}). */
    public ControllerBuilder priority(ToIntFunction<ObjectKey> priority) {
        this.priority = priority;
        return this;
    }

    public Controller build() {
        Objects.requireNonNull(reconciler, "reconciler");
        MicrometerMetrics metrics = meterRegistry == null ? null : new MicrometerMetrics(meterRegistry);
        WorkQueue queue = new WorkQueue(name, new ExecutorScheduler(name + "-delays"), ExponentialBackoff.withDefaults(),
                metrics == null ? QueueMetrics.NONE : metrics, priority);
        watches.forEach(watch -> watch.accept(queue));
        return new Controller(name, queue, reconciler, workers, clock,
                metrics == null ? ControllerMetrics.NONE : metrics);
    }

    static ObjectKey keyOf(HasMetadata object) {
        String ns = object.getMetadata().getNamespace();
        return new ObjectKey(ns == null ? "" : ns, object.getMetadata().getName());
    }

    static List<ObjectKey> ownerKey(HasMetadata object, String ownerKind) {
        List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
        if (owners == null) {
            return List.of();
        }
        for (OwnerReference owner : owners) {
            if (Boolean.TRUE.equals(owner.getController()) && ownerKind.equals(owner.getKind())) {
                String ns = object.getMetadata().getNamespace();
                return List.of(new ObjectKey(ns == null ? "" : ns, owner.getName()));
            }
        }
        return List.of();
    }
}
