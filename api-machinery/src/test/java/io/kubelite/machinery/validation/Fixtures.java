package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.List;
import java.util.Map;

/** Valid objects for tests to break one field at a time. */
final class Fixtures {

    static final Map<String, String> LABELS = Map.of("app", "web");

    private Fixtures() {
    }

    static Pod pod() {
        return new PodBuilder()
                .withNewMetadata().withName("web").withNamespace("default").withLabels(LABELS).endMetadata()
                .withNewSpec()
                .addNewContainer().withName("app").withImage("nginx:1.27")
                .addNewPort().withName("http").withContainerPort(80).endPort()
                .withNewResources().withLimits(Map.of("cpu", new Quantity("250m"))).withRequests(Map.of("cpu", new Quantity("100m")))
                .endResources()
                .addNewVolumeMount().withName("data").withMountPath("/data").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("data").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec().build();
    }

    static PodTemplateSpec template(String restartPolicy) {
        return new PodTemplateSpecBuilder()
                .withNewMetadata().withLabels(LABELS).endMetadata()
                .withNewSpec().withRestartPolicy(restartPolicy)
                .addNewContainer().withName("app").withImage("nginx:1.27").endContainer()
                .endSpec().build();
    }

    static ReplicationController replicationController() {
        return new ReplicationControllerBuilder()
                .withNewMetadata().withName("web").withNamespace("default").endMetadata()
                .withNewSpec().withReplicas(2).withSelector(LABELS).withTemplate(template("Always")).endSpec().build();
    }

    static ReplicaSet replicaSet() {
        return new ReplicaSetBuilder()
                .withNewMetadata().withName("web").withNamespace("default").endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().withMatchLabels(LABELS).endSelector()
                .withTemplate(template("Always")).endSpec().build();
    }

    static Deployment deployment() {
        return new DeploymentBuilder()
                .withNewMetadata().withName("web").withNamespace("default").endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().withMatchLabels(LABELS).endSelector()
                .withTemplate(template("Always")).endSpec().build();
    }

    static DaemonSet daemonSet() {
        return new DaemonSetBuilder()
                .withNewMetadata().withName("agent").withNamespace("default").endMetadata()
                .withNewSpec().withNewSelector().withMatchLabels(LABELS).endSelector()
                .withTemplate(template("Always")).endSpec().build();
    }

    static Job job() {
        return new JobBuilder()
                .withNewMetadata().withName("pi").withNamespace("default").endMetadata()
                .withNewSpec().withTemplate(template("Never")).endSpec().build();
    }

    static Service service() {
        return new ServiceBuilder()
                .withNewMetadata().withName("web").withNamespace("default").endMetadata()
                .withNewSpec().withSelector(LABELS)
                .addNewPort().withPort(80).withNewTargetPort(8080).endPort()
                .endSpec().build();
    }

    static List<String> messages(List<FieldError> errors) {
        return errors.stream().map(FieldError::toString).toList();
    }
}
