package io.kubelite.replication.cronjob;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.Optional;

/** {@link JobControl} with the fabric8 client. */
final class ApiJobControl implements JobControl {

    private final KubernetesClient client;

    ApiJobControl(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Optional<Job> create(Job job) {
        try {
            return Optional.of(client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).resource(job).create());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<Job> get(String namespace, String name) {
        return Optional.ofNullable(client.batch().v1().jobs().inNamespace(namespace).withName(name).get());
    }

    @Override
    public void delete(String namespace, String name) {
        client.batch().v1().jobs().inNamespace(namespace).withName(name)
                .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    }
}
