package io.kubelite.machinery.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OtherKindsValidatorTest {

    private final ObjectValidator validator = new ObjectValidator();

    private static Arguments named(String name, boolean namespaced, Supplier<HasMetadata> object, List<String> expected) {
        return Arguments.of(name, namespaced, object, expected);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                named("a pod template needs a pod spec with containers", true, () -> new io.fabric8.kubernetes.api.model
                        .PodTemplateBuilder().withNewMetadata().withName("t").withNamespace("d").endMetadata().withNewTemplate()
                        .withNewMetadata().withLabels(Map.of("app", "web")).endMetadata().withNewSpec().endSpec().endTemplate()
                        .build(), List.of("template.spec.containers: Required value")),
                named("config map keys are config keys", true, () -> new ConfigMapBuilder().withNewMetadata().withName("c")
                        .withNamespace("d").endMetadata().withData(Map.of("a/b", "x")).build(),
                        List.of("data[a/b]: Invalid value: \"a/b\": " + NameRules.isConfigMapKey("a/b").get(0))),
                named("a config map key is not in both data and binaryData", true, () -> new ConfigMapBuilder().withNewMetadata()
                        .withName("c").withNamespace("d").endMetadata().withData(Map.of("k", "x")).withBinaryData(Map.of("k", "eA==")).build(),
                        List.of("data[k]: Invalid value: \"k\": duplicate of key present in binaryData")),
                named("a config map holds at most 1 MiB", true, () -> new ConfigMapBuilder().withNewMetadata().withName("c")
                        .withNamespace("d").endMetadata().withData(Map.of("k", "x".repeat(1024 * 1024 + 1))).build(),
                        List.of("[]: Too long: must have at most 1048576 bytes")),
                named("a config map key is at most 253 characters", true, () -> new ConfigMapBuilder().withNewMetadata().withName("c")
                        .withNamespace("d").endMetadata().withData(Map.of("k".repeat(254), "x")).build(),
                        List.of("data[" + "k".repeat(254) + "]: Invalid value: \"" + "k".repeat(254) + "\": must be no more than 253 characters")),
                named("secret keys are config keys", true, () -> new SecretBuilder().withNewMetadata().withName("s")
                        .withNamespace("d").endMetadata().withData(Map.of("a/b", "eA==")).build(),
                        List.of("data[a/b]: Invalid value: \"a/b\": " + NameRules.isConfigMapKey("a/b").get(0))),
                named("secret values are base64", true, () -> new SecretBuilder().withNewMetadata().withName("s")
                        .withNamespace("d").endMetadata().withData(Map.of("k", "not base64!")).build(),
                        List.of("data[k]: Invalid value: \"<value omitted>\": must be base64 encoded: Illegal base64 character 20")),
                named("a secret holds at most 1 MiB", true, () -> new SecretBuilder().withNewMetadata().withName("s")
                        .withNamespace("d").endMetadata().withData(Map.of("k", "eHh4".repeat(350_000))).build(),
                        List.of("data: Too long: must have at most 1048576 bytes")),
                named("a TLS secret has a certificate and a key", true, () -> new SecretBuilder().withNewMetadata().withName("s")
                        .withNamespace("d").endMetadata().withType("kubernetes.io/tls").withData(Map.of("tls.crt", "eA==")).build(),
                        List.of("data[tls.key]: Required value")),
                named("node taints have a known effect", false, () -> new NodeBuilder().withNewMetadata().withName("n1").endMetadata()
                        .withNewSpec().addNewTaint().withKey("dedicated").withValue("gpu").withEffect("Sometimes").endTaint().endSpec().build(),
                        List.of("metadata.taints[0].effect: Unsupported value: \"Sometimes\": supported values: \"NoSchedule\", "
                                + "\"PreferNoSchedule\", \"NoExecute\"")),
                named("node capacity is a valid quantity", false, () -> new NodeBuilder().withNewMetadata().withName("n1").endMetadata()
                        .withNewStatus().withCapacity(Map.of("cpu", new Quantity("-4"))).endStatus().build(),
                        List.of("status.capacity.cpu: Invalid value: \"-4\": must be greater than or equal to 0")),
                named("an event lives in its object's namespace", true, () -> new EventBuilder().withNewMetadata().withName("e.1")
                        .withNamespace("default").endMetadata().withNewInvolvedObject().withKind("Pod").withNamespace("other").endInvolvedObject().build(),
                        List.of("involvedObject.namespace: Invalid value: \"other\": does not match event.namespace")),
                named("a limit range type is standard", true, () -> new LimitRangeBuilder().withNewMetadata().withName("l")
                        .withNamespace("d").endMetadata().withNewSpec().addNewLimit().withType("Thing").endLimit().endSpec().build(),
                        List.of("spec.limits[0].type: Invalid value: \"Thing\": must be a standard limit type or fully qualified")),
                named("a limit range min is at most its max", true, () -> new LimitRangeBuilder().withNewMetadata().withName("l")
                        .withNamespace("d").endMetadata().withNewSpec().addNewLimit().withType("Container")
                        .withMin(Map.of("cpu", new Quantity("2"))).withMax(Map.of("cpu", new Quantity("1"))).endLimit().endSpec().build(),
                        List.of("spec.limits[0].min[cpu]: Invalid value: 2: min value 2 is greater than max value 1")),
                named("a limit range quantity parses", true, () -> new LimitRangeBuilder().withNewMetadata().withName("l")
                        .withNamespace("d").endMetadata().withNewSpec().addNewLimit().withType("Container")
                        .withMax(Map.of("memory", new Quantity("1GB"))).endLimit().endSpec().build(),
                        List.of("spec.limits[0].max[memory]: Invalid value: \"1GB\": " + Quantities.FORMAT_ERROR)),
                named("a resource quota is not negative", true, () -> new ResourceQuotaBuilder().withNewMetadata().withName("q")
                        .withNamespace("d").endMetadata().withNewSpec().withHard(Map.of("pods", new Quantity("-1"))).endSpec().build(),
                        List.of("spec.hard[pods]: Invalid value: \"-1\": must be greater than or equal to 0")),
                named("a lease lasts a positive duration", true, () -> new LeaseBuilder().withNewMetadata().withName("l")
                        .withNamespace("d").endMetadata().withNewSpec().withLeaseDurationSeconds(0).withLeaseTransitions(-1).endSpec().build(),
                        List.of("spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0",
                                "spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0")),
                named("endpoint addresses are IPs", true, () -> new EndpointsBuilder().withNewMetadata().withName("web")
                        .withNamespace("d").endMetadata().addNewSubset().addNewAddress().withIp("10.0.0.300").endAddress()
                        .addNewPort().withPort(80).endPort().endSubset().build(),
                        List.of("subsets[0].addresses[0].ip: Invalid value: \"10.0.0.300\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")),
                named("endpoint subsets have addresses and named ports when several", true, () -> new EndpointsBuilder().withNewMetadata()
                        .withName("web").withNamespace("d").endMetadata().addNewSubset().addNewPort().withPort(80).endPort()
                        .addNewPort().withName("b").withPort(81).endPort().endSubset().build(),
                        List.of("subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`",
                                "subsets[0].ports[0].name: Required value")),
                named("a controller revision records data and a revision not below 0", true, () ->
                        new io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder().withNewMetadata().withName("r")
                                .withNamespace("d").endMetadata().withRevision(-1L).build(),
                        List.of("data: Required value: data is mandatory",
                                "revision: Invalid value: -1: must be greater than or equal to 0")),
                named("a controller revision with data is fine", true, () ->
                        new io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder().withNewMetadata().withName("r")
                                .withNamespace("d").endMetadata().withData(Map.of("spec", Map.of())).withRevision(1L).build(),
                        List.of()),
                named("IPv6 endpoint addresses are fine", true, () -> new EndpointsBuilder().withNewMetadata().withName("web")
                        .withNamespace("d").endMetadata().addNewSubset().addNewAddress().withIp("2001:db8::1").endAddress().endSubset().build(),
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validatesOtherKinds(String name, boolean namespaced, Supplier<HasMetadata> object, List<String> expected) {
        assertThat(Fixtures.messages(validator.validate(object.get(), namespaced))).containsExactlyInAnyOrderElementsOf(expected);
    }
}
