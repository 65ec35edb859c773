package io.kubelite.replication.gc;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.informer.EventHandler;
import io.kubelite.controller.informer.Indexes;
import io.kubelite.controller.informer.MetadataKind;
import io.kubelite.controller.reconcile.Controller;
import io.kubelite.controller.reconcile.ControllerBuilder;
import io.kubelite.replication.ControllerSet;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One garbage-collector controller per watched kind. Objects are enqueued when they appear,
 * when their owners, finalizers or deletion mark change, when they are resynced, and — the
 * main trigger — when one of their owners is deleted.
 *
 * <p>Kinds come and go with CustomResourceDefinitions ({@link #add}, {@link #remove}): a kind
 * added during a term of leadership gets its controller at once, handed to the {@code adopter}
 * (the controller manager, which runs it until the term ends); the next term builds one for
 * every kind known then.
 */
public final class GarbageCollectors implements ControllerSet {

    /** Shared with every {@link GarbageCollector}, which looks owners and dependents up in it. */
    private final List<GcKind<?>> kinds = new CopyOnWriteArrayList<>();
    private final GcApi api;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Duration foreignOwnerRecheck;
    private final Map<MetadataKind, Controller> running = new ConcurrentHashMap<>();
    private volatile Consumer<Controller> adopter = c -> { };
    private boolean built;

    public GarbageCollectors(List<GcKind<?>> kinds, GcApi api, Clock clock, MeterRegistry meters) {
        this(kinds, api, clock, meters, Duration.ofSeconds(15));
    }

    /** @param foreignOwnerRecheck see {@link GarbageCollector} */
    public GarbageCollectors(List<GcKind<?>> kinds, GcApi api, Clock clock, MeterRegistry meters, Duration foreignOwnerRecheck) {
        this.foreignOwnerRecheck = foreignOwnerRecheck;
        this.api = api;
        this.clock = clock;
        this.meters = meters;
        kinds.forEach(this::add);
    }

    /** Where controllers of kinds added during a term go (the controller manager's {@code adopt}). */
    public void adopter(Consumer<Controller> adopter) {
        this.adopter = adopter;
    }

    @Override
    public synchronized List<Controller> build() {
        built = true;
        List<Controller> controllers = new ArrayList<>();
        for (GcKind<?> kind : kinds) {
            controllers.add(controllerFor(kind));
        }
        return controllers;
    }

    private Controller controllerFor(GcKind<?> kind) {
        // kinds cached as metadata only are rarely owned by anything: one worker each
        Controller c = ControllerBuilder.named(controllerName(kind))
                .reconciler(new GarbageCollector<>(kind, kinds, api, foreignOwnerRecheck))
                .workers(kind.isTyped() ? 2 : 1).clock(clock).meterRegistry(meters)
                .build();
        running.put(kind.resource(), c);
        for (HasMetadata object : kind.lister().list()) {
            if (interesting(object)) {
                c.queue().add(keyOf(object));
            }
        }
        return c;
    }

    /** Starts collecting {@code kind}; a kind already collected is left as it is. */
    public synchronized void add(GcKind<?> kind) {
        if (kinds.stream().anyMatch(k -> k.resource().equals(kind.resource()))) {
            return;
        }
        kinds.add(kind);
        watch(kind);
        if (built) {
            adopter.accept(controllerFor(kind));
        }
    }

    /** Stops collecting the kind served as {@code resource} (its definition was deleted). */
    public synchronized void remove(MetadataKind resource) {
        kinds.removeIf(k -> k.resource().equals(resource));
        Controller c = running.remove(resource);
        if (c != null) {
            try {
                c.stop(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Queues every dependent of the owner with {@code uid}, which was deleted. */
    void ownerGone(String uid) {
        for (GcKind<?> k : kinds) {
            for (HasMetadata dependent : k.lister().byIndex(Indexes.OWNER_UID, uid)) {
                enqueue(k, dependent);
            }
        }
    }

    /** The kinds collected now. */
    public List<GcKind<?>> kinds() {
        return List.copyOf(kinds);
    }

    /** {@code garbagecollector-pods}, {@code garbagecollector-roles.rbac.authorization.k8s.io}: the resource's name. */
    static String controllerName(GcKind<?> kind) {
        String group = kind.resource().group();
        return "garbagecollector-" + kind.resource().plural() + (group.isEmpty() ? "" : "." + group);
    }

    private <T extends HasMetadata> void watch(GcKind<T> kind) {
        kind.informer().addEventHandler(new EventHandler<T>() {
            @Override
            public void onAdd(T object) {
                if (interesting(object)) {
                    enqueue(kind, object);
                }
            }

            @Override
            public void onUpdate(T old, T object) {
                boolean resync = old == object;
                boolean changed = !Objects.equals(old.getMetadata().getOwnerReferences(), object.getMetadata().getOwnerReferences())
                        || !Objects.equals(old.getMetadata().getFinalizers(), object.getMetadata().getFinalizers())
                        || !Objects.equals(old.getMetadata().getDeletionTimestamp(), object.getMetadata().getDeletionTimestamp());
                if ((resync || changed) && interesting(object)) {
                    enqueue(kind, object);
                }
            }

            @Override
            public void onDelete(T object) {
                ownerGone(object.getMetadata().getUid());
                // an owner waiting in foreground deletion may now have no dependents left
                if (object.getMetadata().getOwnerReferences() != null) {
                    for (OwnerReference ref : object.getMetadata().getOwnerReferences()) {
                        kinds.stream().filter(k -> k.matches(ref.getApiVersion(), ref.getKind())).findFirst()
                                .ifPresent(k -> add(k, k.keyOf(namespaceOf(object), ref.getName())));
                    }
                }
            }
        });
    }

    private static boolean interesting(HasMetadata object) {
        return (object.getMetadata().getOwnerReferences() != null && !object.getMetadata().getOwnerReferences().isEmpty())
                || (object.getMetadata().getFinalizers() != null && !object.getMetadata().getFinalizers().isEmpty()
                        && object.getMetadata().getDeletionTimestamp() != null);
    }

    private void enqueue(GcKind<?> kind, HasMetadata object) {
        add(kind, keyOf(object));
    }

    private void add(GcKind<?> kind, ObjectKey key) {
        Controller c = running.get(kind.resource());
        if (c != null) {
            c.queue().add(key);
        }
    }

    private static String namespaceOf(HasMetadata object) {
        return object.getMetadata().getNamespace() == null ? "" : object.getMetadata().getNamespace();
    }

    private static ObjectKey keyOf(HasMetadata object) {
        return ObjectKey.of(namespaceOf(object), object.getMetadata().getName());
    }
}
