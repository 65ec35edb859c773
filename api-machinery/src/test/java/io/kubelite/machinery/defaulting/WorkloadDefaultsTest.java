package io.kubelite.machinery.defaulting;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WorkloadDefaultsTest {

    static final Map<String, String> LABELS = Map.of("app", "web");

    static PodTemplateSpec template() {
        return new PodTemplateSpecBuilder().withNewMetadata().withLabels(LABELS).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("nginx")
                .withNewResources().withLimits(Map.of("cpu", new Quantity("1"))).endResources().endContainer()
                .endSpec().build();
    }

    static ReplicationController rc() {
        return new ReplicationControllerBuilder().withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withTemplate(template()).endSpec().build();
    }

    static ReplicaSet rs() {
        return new ReplicaSetBuilder().withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withTemplate(template()).endSpec().build();
    }

    static Deployment deployment() {
        return new DeploymentBuilder().withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withNewSelector().withMatchLabels(LABELS).endSelector().withTemplate(template()).endSpec().build();
    }

    static DaemonSet daemonSet() {
        return new DaemonSetBuilder().withNewMetadata().withName("agent").endMetadata()
                .withNewSpec().withNewSelector().withMatchLabels(LABELS).endSelector().withTemplate(template()).endSpec().build();
    }

    static Job job() {
        PodTemplateSpec t = template();
        t.getSpec().setRestartPolicy("Never");
        return new JobBuilder().withNewMetadata().withName("pi").endMetadata().withNewSpec().withTemplate(t).endSpec().build();
    }

    private static <T extends HasMetadata> Arguments def(String name, Supplier<T> fixture, Function<T, Object> field, Object expected) {
        return Arguments.of(name, fixture, field, expected);
    }

    static Stream<Arguments> defaults() {
        return Stream.of(
                def("a replication controller selects its template labels", WorkloadDefaultsTest::rc,
                        (ReplicationController r) -> r.getSpec().getSelector(), LABELS),
                def("a replication controller is labelled like its template", WorkloadDefaultsTest::rc,
                        (ReplicationController r) -> r.getMetadata().getLabels(), LABELS),
                def("a replication controller runs one replica", WorkloadDefaultsTest::rc,
                        (ReplicationController r) -> r.getSpec().getReplicas(), 1),
                def("a replication controller template is defaulted", WorkloadDefaultsTest::rc,
                        (ReplicationController r) -> r.getSpec().getTemplate().getSpec().getRestartPolicy(), "Always"),
                def("a replica set runs one replica", WorkloadDefaultsTest::rs, (ReplicaSet r) -> r.getSpec().getReplicas(), 1),
                def("a replica set template is defaulted", WorkloadDefaultsTest::rs,
                        (ReplicaSet r) -> r.getSpec().getTemplate().getSpec().getDnsPolicy(), "ClusterFirst"),
                def("a deployment runs one replica", WorkloadDefaultsTest::deployment, (Deployment d) -> d.getSpec().getReplicas(), 1),
                def("a deployment rolls updates", WorkloadDefaultsTest::deployment,
                        (Deployment d) -> d.getSpec().getStrategy().getType(), "RollingUpdate"),
                def("a deployment surges by 25%", WorkloadDefaultsTest::deployment,
                        (Deployment d) -> d.getSpec().getStrategy().getRollingUpdate().getMaxSurge(), new IntOrString("25%")),
                def("a deployment tolerates 25% unavailable", WorkloadDefaultsTest::deployment,
                        (Deployment d) -> d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable(), new IntOrString("25%")),
                def("a deployment keeps 10 old revisions", WorkloadDefaultsTest::deployment,
                        (Deployment d) -> d.getSpec().getRevisionHistoryLimit(), 10),
                def("a deployment progresses within 600s", WorkloadDefaultsTest::deployment,
                        (Deployment d) -> d.getSpec().getProgressDeadlineSeconds(), 600),
                def("a deployment template gets pod spec defaults", WorkloadDefaultsTest::deployment,
                        (Deployment d) -> d.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds(), 30L),
                def("a deployment template container gets its pull policy", WorkloadDefaultsTest::deployment,
                        (Deployment d) -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getImagePullPolicy(), "Always"),
                def("a template keeps requests unset: only pods copy limits", WorkloadDefaultsTest::deployment,
                        (Deployment d) -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getRequests().isEmpty(), true),
                def("a template gets no pod-only enableServiceLinks", WorkloadDefaultsTest::deployment,
                        (Deployment d) -> d.getSpec().getTemplate().getSpec().getEnableServiceLinks(), null),
                def("a template gets no admission tolerations", WorkloadDefaultsTest::deployment,
                        (Deployment d) -> d.getSpec().getTemplate().getSpec().getTolerations().isEmpty(), true),
                def("a daemon set rolls updates", WorkloadDefaultsTest::daemonSet,
                        (DaemonSet d) -> d.getSpec().getUpdateStrategy().getType(), "RollingUpdate"),
                def("a daemon set takes down one pod at a time", WorkloadDefaultsTest::daemonSet,
                        (DaemonSet d) -> d.getSpec().getUpdateStrategy().getRollingUpdate().getMaxUnavailable(), new IntOrString(1)),
                def("a daemon set does not surge", WorkloadDefaultsTest::daemonSet,
                        (DaemonSet d) -> d.getSpec().getUpdateStrategy().getRollingUpdate().getMaxSurge(), new IntOrString(0)),
                def("a daemon set keeps 10 old revisions", WorkloadDefaultsTest::daemonSet,
                        (DaemonSet d) -> d.getSpec().getRevisionHistoryLimit(), 10),
                def("a job runs one pod at a time", WorkloadDefaultsTest::job, (Job j) -> j.getSpec().getParallelism(), 1),
                def("a job completes once", WorkloadDefaultsTest::job, (Job j) -> j.getSpec().getCompletions(), 1),
                def("a job retries six times", WorkloadDefaultsTest::job, (Job j) -> j.getSpec().getBackoffLimit(), 6),
                def("a job completes non-indexed", WorkloadDefaultsTest::job, (Job j) -> j.getSpec().getCompletionMode(), "NonIndexed"),
                def("a job is not suspended", WorkloadDefaultsTest::job, (Job j) -> j.getSpec().getSuspend(), false),
                def("a job replaces terminating or failed pods", WorkloadDefaultsTest::job,
                        (Job j) -> j.getSpec().getPodReplacementPolicy(), "TerminatingOrFailed"),
                def("a job is labelled like its template", WorkloadDefaultsTest::job, (Job j) -> j.getMetadata().getLabels(), LABELS),
                def("a job leaves manualSelector unset", WorkloadDefaultsTest::job, (Job j) -> j.getSpec().getManualSelector(), null),
                def("a job keeps its restartPolicy", WorkloadDefaultsTest::job,
                        (Job j) -> j.getSpec().getTemplate().getSpec().getRestartPolicy(), "Never"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defaults")
    <T extends HasMetadata> void appliesWorkloadDefaults(String name, Supplier<T> fixture, Function<T, Object> field, Object expected) {
        T object = fixture.get();
        Defaults.apply(object);
        assertThat(field.apply(object)).isEqualTo(expected);
    }

    @Test
    void aJobWithOnlyParallelismLeavesCompletionsUnset() {
        Job job = job();
        job.getSpec().setParallelism(3);
        Defaults.apply(job);
        assertThat(job.getSpec().getCompletions()).isNull();
        assertThat(job.getSpec().getParallelism()).isEqualTo(3);
    }

    @Test
    void aRecreateDeploymentGetsNoRollingUpdate() {
        Deployment d = deployment();
        d.getSpec().setStrategy(new io.fabric8.kubernetes.api.model.apps.DeploymentStrategy(null, "Recreate"));
        Defaults.apply(d);
        assertThat(d.getSpec().getStrategy().getRollingUpdate()).isNull();
    }

    @Test
    void aReplicationControllerKeepsItsOwnSelector() {
        ReplicationController r = rc();
        r.getSpec().setSelector(Map.of("tier", "front"));
        Defaults.apply(r);
        assertThat(r.getSpec().getSelector()).isEqualTo(Map.of("tier", "front"));
    }
}
