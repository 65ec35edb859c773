package io.kubelite.machinery.podsecurity;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplate;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;
import java.util.Optional;

/** The pod template embedded in each kind of pod controller kube's PodSecurity admission inspects. */
final class PodTemplates {

    private PodTemplates() {
    }

    static Optional<PodTemplateSpec> of(HasMetadata object) {
        if (object instanceof Deployment d && d.getSpec() != null) {
            return Optional.ofNullable(d.getSpec().getTemplate());
        } else if (object instanceof ReplicaSet r && r.getSpec() != null) {
            return Optional.ofNullable(r.getSpec().getTemplate());
        } else if (object instanceof ReplicationController r && r.getSpec() != null) {
            return Optional.ofNullable(r.getSpec().getTemplate());
        } else if (object instanceof StatefulSet s && s.getSpec() != null) {
            return Optional.ofNullable(s.getSpec().getTemplate());
        } else if (object instanceof DaemonSet d && d.getSpec() != null) {
            return Optional.ofNullable(d.getSpec().getTemplate());
        } else if (object instanceof Job j && j.getSpec() != null) {
            return Optional.ofNullable(j.getSpec().getTemplate());
        } else if (object instanceof CronJob c && c.getSpec() != null) {
            JobTemplateSpec jobTemplate = c.getSpec().getJobTemplate();
            return jobTemplate == null || jobTemplate.getSpec() == null ? Optional.empty()
                    : Optional.ofNullable(jobTemplate.getSpec().getTemplate());
        } else if (object instanceof PodTemplate t) {
            return Optional.ofNullable(t.getTemplate());
        }
        return Optional.empty();
    }
}
