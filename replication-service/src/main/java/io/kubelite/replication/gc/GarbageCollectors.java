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

/**
 * One garbage-collector controller per watched kind. Objects are enqueued when they appear,
 * when their owners, finalizers or deletion mark change, when they are resynced, and — the
 * main trigger — when one of their owners is deleted.
 */
public final class GarbageCollectors implements ControllerSet {

    private final List<GcKind<?>> kinds;
    private final GcApi api;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Duration foreignOwnerRecheck;
    private final Map<MetadataKind, Controller> running = new ConcurrentHashMap<>();

    public GarbageCollectors(List<GcKind<?>> kinds, GcApi api, Clock clock, MeterRegistry meters) {
        this(kinds, api, clock, meters, Duration.ofSeconds(15));
    }

    /** @param foreignOwnerRecheck see {@link GarbageCollector} */
    public GarbageCollectors(List<GcKind<?>> kinds, GcApi api, Clock clock, MeterRegistry meters, Duration foreignOwnerRecheck) {
        this.foreignOwnerRecheck = foreignOwnerRecheck;
        this.kinds = List.copyOf(kinds);
        this.api = api;
        this.clock = clock;
        this.meters = meters;
        kinds.forEach(this::watch);
    }

    @Override
    public List<Controller> build() {
        List<Controller> controllers = new ArrayList<>();
        for (GcKind<?> kind : kinds) {
            // kinds cached as metadata only are rarely owned by anything: one worker each
            Controller c = ControllerBuilder.named(controllerName(kind))
                    .reconciler(new GarbageCollector<>(kind, kinds, api, foreignOwnerRecheck))
                    .workers(kind.isTyped() ? 2 : 1).clock(clock).meterRegistry(meters)
                    .build();
            running.put(kind.resource(), c);
            controllers.add(c);
            for (HasMetadata object : kind.lister().list()) {
                if (interesting(object)) {
                    c.queue().add(keyOf(object));
                }
            }
        }
        return controllers;
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
                String uid = object.getMetadata().getUid();
                for (GcKind<?> k : kinds) {
                    for (HasMetadata dependent : k.lister().byIndex(Indexes.OWNER_UID, uid)) {
                        enqueue(k, dependent);
                    }
                }
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
