package io.kubelite.machinery.podsecurity;

import static io.kubelite.machinery.podsecurity.PodFixtures.RESTRICTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.ReplicationControllerBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The pod templates that PodSecurity warns and audits on, never enforces. */
class PodSecurityTemplatesTest {

    private static final PodTemplateSpec TEMPLATE = new PodTemplateSpecBuilder()
            .withNewMetadata().addToLabels("app", "web").endMetadata()
            .withNewSpec().withHostNetwork(true).addNewContainer().withName("web").withImage("nginx").endContainer().endSpec()
            .build();

    static Stream<Arguments> workloads() {
        return Stream.of(
                Arguments.of("Deployment", new DeploymentBuilder().withNewMetadata().withName("w").endMetadata()
                        .withNewSpec().withTemplate(TEMPLATE).endSpec().build()),
                Arguments.of("ReplicaSet", new ReplicaSetBuilder().withNewMetadata().withName("w").endMetadata()
                        .withNewSpec().withTemplate(TEMPLATE).endSpec().build()),
                Arguments.of("ReplicationController", new ReplicationControllerBuilder().withNewMetadata().withName("w")
                        .endMetadata().withNewSpec().withTemplate(TEMPLATE).endSpec().build()),
                Arguments.of("StatefulSet", new StatefulSetBuilder().withNewMetadata().withName("w").endMetadata()
                        .withNewSpec().withTemplate(TEMPLATE).endSpec().build()),
                Arguments.of("DaemonSet", new DaemonSetBuilder().withNewMetadata().withName("w").endMetadata()
                        .withNewSpec().withTemplate(TEMPLATE).endSpec().build()),
                Arguments.of("Job", new JobBuilder().withNewMetadata().withName("w").endMetadata()
                        .withNewSpec().withTemplate(TEMPLATE).endSpec().build()),
                Arguments.of("CronJob", new CronJobBuilder().withNewMetadata().withName("w").endMetadata()
                        .withNewSpec().withSchedule("* * * * *").withNewJobTemplate().withNewSpec().withTemplate(TEMPLATE)
                        .endSpec().endJobTemplate().endSpec().build()),
                Arguments.of("PodTemplate", new PodTemplateBuilder().withNewMetadata().withName("w").endMetadata()
                        .withTemplate(TEMPLATE).build()));
    }

    @ParameterizedTest(name = "a {0} yields its pod template")
    @MethodSource("workloads")
    void workloadsYieldTheirPodTemplate(String kind, HasMetadata workload) {
        assertThat(PodSecurity.templateOf(workload)).contains(TEMPLATE);
    }

    @ParameterizedTest(name = "a {0}''s template is checked like a pod")
    @MethodSource("workloads")
    void templatesAreCheckedLikePods(String kind, HasMetadata workload) {
        PodTemplateSpec template = PodSecurity.templateOf(workload).orElseThrow();
        LevelVersion baseline = LevelVersion.latest(Level.BASELINE);
        assertThat(PodSecurity.warning(baseline, PodSecurity.check(baseline, template.getMetadata(), template.getSpec())))
                .isEqualTo("would violate PodSecurity \"baseline:latest\": host namespaces (hostNetwork=true)");
    }

    @Test
    void podsAndOtherObjectsHaveNoTemplate() {
        assertThat(PodSecurity.templateOf(new PodBuilder().withNewMetadata().withName("p").endMetadata().build())).isEmpty();
        assertThat(PodSecurity.templateOf(new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata().build()))
                .isEmpty();
    }

    @Test
    void controllersWithoutATemplateHaveNone() {
        assertThat(PodSecurity.templateOf(new CronJobBuilder().withNewMetadata().withName("c").endMetadata()
                .withNewSpec().withSchedule("@daily").endSpec().build())).isEqualTo(Optional.empty());
        assertThat(PodSecurity.templateOf(new ReplicationControllerBuilder().withNewMetadata().withName("rc").endMetadata()
                .withNewSpec().withReplicas(1).endSpec().build())).isEmpty();
        assertThat(PodSecurity.templateOf(new DeploymentBuilder().withNewMetadata().withName("d").endMetadata().build()))
                .isEmpty();
    }

    @Test
    void anEmptyTemplateHasNothingToViolate() {
        assertThat(PodSecurity.check(RESTRICTED, null, null)).isEmpty();
    }
}
