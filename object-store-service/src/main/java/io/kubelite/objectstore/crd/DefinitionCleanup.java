package io.kubelite.objectstore.crd;

import io.kubelite.objectstore.resource.ResourceRegistry;
import io.kubelite.objectstore.storage.Mutation;
import io.kubelite.objectstore.storage.ObjectStore;
import io.kubelite.objectstore.storage.StaleWriteException;
import io.kubelite.objectstore.storage.StoredObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Deleting a CustomResourceDefinition, as kube-apiserver's finalizer controller does: every
 * definition carries the finalizer {@code customresourcecleanup.apiextensions.k8s.io}, so
 * {@code kubectl delete crd crontabs.stable.example.com} first marks it (deletionTimestamp, condition
 * {@code Terminating=True}, reason {@code InstanceDeletionInProgress}), new CronTabs are refused
 * ({@code 405 create not allowed while custom resource definition is terminating}), then every
 * CronTab is deleted — one with finalizers of its own is only marked, and the definition waits
 * until its controller lets it go — and once none is left the finalizer is removed and the
 * definition goes. Until then its objects can still be read, listed, watched and updated.
 *
 * <p>Runs on every replica (the writes are conditional on resourceVersion, so two replicas never
 * both write the same step), checking twice a second whether any definition is terminating.
 */
@Component
public class DefinitionCleanup {

    public static final String FINALIZER = "customresourcecleanup.apiextensions.k8s.io";
    private static final Logger log = LoggerFactory.getLogger(DefinitionCleanup.class);
    private static final int BATCH = 500;

    private final ObjectStore store;
    private final ResourceRegistry registry;
    private final CustomResourceDefinitions definitions;

    public DefinitionCleanup(ObjectStore store, ResourceRegistry registry, CustomResourceDefinitions definitions) {
        this.store = store;
        this.registry = registry;
        this.definitions = definitions;
    }

    @Scheduled(fixedDelayString = "${kubelite.store.crd-cleanup:500ms}")
    public void sweep() {
        if (!registry.anyTerminating()) {
            return;
        }
        boolean finished = false;
        for (StoredObject crd : store.all(CustomResourceDefinitions.RESOURCE)) {
            JsonNode meta = crd.body().path("metadata");
            if (meta.hasNonNull("deletionTimestamp") && hasFinalizer(meta)) {
                try {
                    finished |= cleanUp(crd);
                } catch (StaleWriteException e) {
                    log.debug("{} changed while its objects were being deleted; next sweep goes on", crd.name());
                }
            }
        }
        if (finished) {
            definitions.reload();
        }
    }

    /** One step of the cleanup of a terminating definition; true when the definition is gone or released. */
    private boolean cleanUp(StoredObject crd) {
        crd = markTerminating(crd);
        String resource = crd.body().path("spec").path("names").path("plural").asString("") + "."
                + crd.body().path("spec").path("group").asString("");
        List<StoredObject> objects = store.all(resource);
        List<Mutation> batch = new ArrayList<>();
        int waiting = 0;
        for (StoredObject o : objects) {
            ObjectNode meta = (ObjectNode) o.body().path("metadata");
            if (meta.path("finalizers").isEmpty()) {
                batch.add(new Mutation.Delete(resource, o.id(), o.resourceVersion(), o.body()));
            } else {
                waiting++;
                if (!meta.hasNonNull("deletionTimestamp")) {
                    ObjectNode marked = o.body().deepCopy();
                    ((ObjectNode) marked.path("metadata")).put("deletionTimestamp", now()).put("deletionGracePeriodSeconds", 0);
                    batch.add(new Mutation.Update(resource, o.id(), o.resourceVersion(), marked));
                }
            }
            if (batch.size() == BATCH) {
                store.commit(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            store.commit(batch);
        }
        if (waiting > 0) {
            return false;
        }
        ObjectNode released = crd.body().deepCopy();
        ObjectNode meta = (ObjectNode) released.path("metadata");
        ArrayNode kept = meta.arrayNode();
        meta.path("finalizers").forEach(f -> {
            if (!FINALIZER.equals(f.asString(""))) {
                kept.add(f);
            }
        });
        if (kept.isEmpty()) {
            meta.remove("finalizers");
            store.commit(new Mutation.Delete(CustomResourceDefinitions.RESOURCE, crd.id(), crd.resourceVersion(), released));
            log.info("custom resource definition {} deleted with its {} objects", crd.name(), objects.size());
        } else {
            meta.set("finalizers", kept);
            store.commit(new Mutation.Update(CustomResourceDefinitions.RESOURCE, crd.id(), crd.resourceVersion(), released));
        }
        return true;
    }

    /** Sets {@code Terminating=True} (InstanceDeletionInProgress) once; the definition as stored after it. */
    private StoredObject markTerminating(StoredObject crd) {
        ObjectNode body = crd.body().deepCopy();
        ObjectNode status = body.get("status") instanceof ObjectNode s ? s : body.putObject("status");
        ArrayNode conditions = status.get("conditions") instanceof ArrayNode a ? a : status.putArray("conditions");
        for (JsonNode c : conditions) {
            if ("Terminating".equals(c.path("type").asString("")) && "True".equals(c.path("status").asString(""))) {
                return crd;
            }
        }
        ObjectNode condition = conditions.addObject();
        condition.put("type", "Terminating").put("status", "True").put("lastTransitionTime", now())
                .put("reason", "InstanceDeletionInProgress").put("message", "CustomResource deletion is in progress");
        return store.commit(new Mutation.Update(CustomResourceDefinitions.RESOURCE, crd.id(), crd.resourceVersion(), body));
    }

    private static boolean hasFinalizer(JsonNode meta) {
        for (JsonNode f : meta.path("finalizers")) {
            if (FINALIZER.equals(f.asString(""))) {
                return true;
            }
        }
        return false;
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
