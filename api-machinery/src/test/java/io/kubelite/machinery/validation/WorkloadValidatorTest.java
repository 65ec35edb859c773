package io.kubelite.machinery.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WorkloadValidatorTest {

    private static final String MISMATCH = "`selector` does not match template `labels`";
    private final ObjectValidator validator = new ObjectValidator();

    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> Arguments broken(String name, Supplier<T> fixture, Consumer<T> breakIt, List<String> expected) {
        return Arguments.of(name, fixture, breakIt, expected);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                broken("a valid replication controller passes", Fixtures::replicationController, rc -> { }, List.of()),
                broken("a replication controller needs a selector", Fixtures::replicationController, (ReplicationController rc) -> {
                    rc.getSpec().setSelector(Map.of());
                    rc.getSpec().getTemplate().getMetadata().setLabels(Map.of());
                }, List.of("spec.selector: Required value")),
                broken("an unset replication controller selector stands for the template labels", Fixtures::replicationController,
                        (ReplicationController rc) -> rc.getSpec().setSelector(null), List.of()),
                broken("a replication controller selector matches its template", Fixtures::replicationController,
                        (ReplicationController rc) -> rc.getSpec().setSelector(Map.of("app", "db")),
                        List.of("spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: " + MISMATCH)),
                broken("a replication controller needs a template", Fixtures::replicationController,
                        (ReplicationController rc) -> rc.getSpec().setTemplate(null), List.of("spec.template: Required value")),
                broken("a replication controller has non-negative replicas", Fixtures::replicationController,
                        (ReplicationController rc) -> rc.getSpec().setReplicas(-1),
                        List.of("spec.replicas: Invalid value: -1: must be greater than or equal to 0")),
                broken("a replication controller restarts its pods always", Fixtures::replicationController,
                        (ReplicationController rc) -> rc.getSpec().getTemplate().getSpec().setRestartPolicy("OnFailure"),
                        List.of("spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\"")),
                broken("template errors carry the template path", Fixtures::replicationController,
                        (ReplicationController rc) -> rc.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(""),
                        List.of("spec.template.spec.containers[0].image: Required value")),
                broken("a replica set needs a selector", Fixtures::replicaSet,
                        (ReplicaSet rs) -> rs.getSpec().setSelector(null), List.of("spec.selector: Required value")),
                broken("a replica set selector is not empty", Fixtures::replicaSet,
                        (ReplicaSet rs) -> rs.getSpec().setSelector(new LabelSelector()),
                        List.of("spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), "
                                + "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment")),
                broken("a replica set selector expression matches the template", Fixtures::replicaSet,
                        (ReplicaSet rs) -> rs.getSpec().setSelector(new LabelSelector(
                                List.of(new LabelSelectorRequirement("app", "In", List.of("db"))), null)),
                        List.of("spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: " + MISMATCH)),
                broken("a selector expression operator is known", Fixtures::replicaSet,
                        (ReplicaSet rs) -> rs.getSpec().setSelector(new LabelSelector(
                                List.of(new LabelSelectorRequirement("app", "Like", List.of("web"))), null)),
                        List.of("spec.selector.matchExpressions[0].operator: Invalid value: \"Like\": not a valid selector operator")),
                broken("a replica set has non-negative replicas", Fixtures::replicaSet,
                        (ReplicaSet rs) -> rs.getSpec().setReplicas(-3),
                        List.of("spec.replicas: Invalid value: -3: must be greater than or equal to 0")),
                broken("a valid deployment passes", Fixtures::deployment, d -> { }, List.of()),
                broken("a deployment selector matches its template", Fixtures::deployment,
                        (Deployment d) -> d.getSpec().getSelector().setMatchLabels(Map.of("app", "api")),
                        List.of("spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: " + MISMATCH)),
                broken("a deployment strategy is RollingUpdate or Recreate", Fixtures::deployment,
                        (Deployment d) -> d.getSpec().setStrategy(new DeploymentStrategy(null, "BlueGreen")),
                        List.of("spec.strategy.type: Unsupported value: \"BlueGreen\": supported values: \"Recreate\", \"RollingUpdate\"")),
                broken("a Recreate deployment has no rolling update", Fixtures::deployment,
                        (Deployment d) -> d.getSpec().setStrategy(new DeploymentStrategy(new RollingUpdateDeployment(), "Recreate")),
                        List.of("spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'")),
                broken("maxSurge and maxUnavailable are not both zero", Fixtures::deployment,
                        (Deployment d) -> d.getSpec().setStrategy(new DeploymentStrategy(
                                new RollingUpdateDeployment(new IntOrString("0%"), new IntOrString(0)), "RollingUpdate")),
                        List.of("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0")),
                broken("maxSurge is a valid percentage", Fixtures::deployment,
                        (Deployment d) -> d.getSpec().setStrategy(new DeploymentStrategy(
                                new RollingUpdateDeployment(new IntOrString("20Percent"), new IntOrString(1)), "RollingUpdate")),
                        List.of("spec.strategy.rollingUpdate.maxSurge: Invalid value: 20Percent: " + NameRules.isValidPercent("x").get(0))),
                broken("maxUnavailable is at most 100%", Fixtures::deployment,
                        (Deployment d) -> d.getSpec().setStrategy(new DeploymentStrategy(
                                new RollingUpdateDeployment(new IntOrString(1), new IntOrString("110%")), "RollingUpdate")),
                        List.of("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 110%: must not be greater than 100%")),
                broken("maxUnavailable is not negative", Fixtures::deployment,
                        (Deployment d) -> d.getSpec().setStrategy(new DeploymentStrategy(
                                new RollingUpdateDeployment(new IntOrString(1), new IntOrString(-1)), "RollingUpdate")),
                        List.of("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: -1: must be greater than or equal to 0")),
                broken("revisionHistoryLimit is not negative", Fixtures::deployment,
                        (Deployment d) -> d.getSpec().setRevisionHistoryLimit(-1),
                        List.of("spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0")),
                broken("progressDeadlineSeconds exceeds minReadySeconds", Fixtures::deployment, (Deployment d) -> {
                    d.getSpec().setMinReadySeconds(600);
                    d.getSpec().setProgressDeadlineSeconds(600);
                }, List.of("spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds")),
                broken("a deployment's pods restart always", Fixtures::deployment,
                        (Deployment d) -> d.getSpec().getTemplate().getSpec().setRestartPolicy("Never"),
                        List.of("spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"")),
                broken("a valid daemon set passes", Fixtures::daemonSet, ds -> { }, List.of()),
                broken("a daemon set selector is not empty", Fixtures::daemonSet,
                        (DaemonSet ds) -> ds.getSpec().setSelector(new LabelSelector(null, Map.of())),
                        List.of("spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), "
                                + "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for daemonset")),
                broken("a daemon set selector matches its template", Fixtures::daemonSet,
                        (DaemonSet ds) -> ds.getSpec().getSelector().setMatchLabels(Map.of("app", "x")),
                        List.of("spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: " + MISMATCH)),
                broken("a daemon set surges or deletes first, not both", Fixtures::daemonSet,
                        (DaemonSet ds) -> ds.getSpec().setUpdateStrategy(new io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy(
                                new RollingUpdateDaemonSet(new IntOrString(1), new IntOrString(1)), "RollingUpdate")),
                        List.of("spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero")),
                broken("a daemon set update strategy is known", Fixtures::daemonSet,
                        (DaemonSet ds) -> ds.getSpec().setUpdateStrategy(new io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy(null, "Never")),
                        List.of("spec.updateStrategy.type: Unsupported value: \"Never\": supported values: \"RollingUpdate\", \"OnDelete\"")),
                broken("a valid job passes", Fixtures::job, j -> { }, List.of()),
                broken("a job's pods do not restart always", Fixtures::job,
                        (Job j) -> j.getSpec().getTemplate().getSpec().setRestartPolicy(null),
                        List.of("spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"")),
                broken("job counts are not negative", Fixtures::job, (Job j) -> {
                    j.getSpec().setParallelism(-1);
                    j.getSpec().setCompletions(-1);
                    j.getSpec().setBackoffLimit(-1);
                    j.getSpec().setActiveDeadlineSeconds(-1L);
                }, List.of("spec.parallelism: Invalid value: -1: must be greater than or equal to 0",
                        "spec.completions: Invalid value: -1: must be greater than or equal to 0",
                        "spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0",
                        "spec.activeDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0")),
                broken("a job completion mode is known", Fixtures::job, (Job j) -> j.getSpec().setCompletionMode("Some"),
                        List.of("spec.completionMode: Unsupported value: \"Some\": supported values: \"NonIndexed\", \"Indexed\"")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    <T extends HasMetadata> void validatesWorkloads(String name, Supplier<T> fixture, Consumer<T> breakIt, List<String> expected) {
        T object = fixture.get();
        breakIt.accept(object);
        assertThat(Fixtures.messages(validator.validate(object, true))).containsExactlyInAnyOrderElementsOf(expected);
    }
}
