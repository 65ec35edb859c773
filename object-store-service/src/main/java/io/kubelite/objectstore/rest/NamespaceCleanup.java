package io.kubelite.objectstore.rest;

import io.kubelite.objectstore.admission.AdmissionObjects;
import io.kubelite.objectstore.storage.StaleWriteException;
import io.kubelite.objectstore.storage.StoredObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finishes the deletion of Terminating namespaces, as kube's namespace controller does: twice a
 * second, each namespace with a deletionTimestamp gets a round of {@link DeleteService#finishNamespace}
 * — what can go is deleted, what waits (pods stopping on their nodes, objects whose finalizers are
 * not yet removed) is looked at again, and the namespace goes once it is empty. Every replica
 * sweeps; writes are conditional on resourceVersion, so two replicas never both write one step.
 */
@Component
public class NamespaceCleanup {

    private static final Logger log = LoggerFactory.getLogger(NamespaceCleanup.class);

    private final AdmissionObjects namespaces;
    private final DeleteService deletes;

    public NamespaceCleanup(AdmissionObjects namespaces, DeleteService deletes) {
        this.namespaces = namespaces;
        this.deletes = deletes;
    }

    @Scheduled(fixedDelayString = "${kubelite.store.namespace-cleanup:500ms}", initialDelayString = "${kubelite.store.namespace-cleanup:500ms}")
    public void sweep() {
        for (StoredObject namespace : namespaces.terminatingNamespaces()) {
            try {
                deletes.finishNamespace(namespace);
            } catch (StaleWriteException e) {
                log.debug("namespace {} changed during its cleanup; the next sweep goes on", namespace.name());
            } catch (RuntimeException e) {
                log.warn("cleanup of namespace {} failed; the next sweep tries again: {}", namespace.name(), e.toString());
            }
        }
    }
}
