package io.kubelite.nodeagent.pod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EnvResolverTest {

    private static final EnvResolver.PodFields FIELDS = new EnvResolver.PodFields("172.17.0.9", "127.0.0.1");

    private static final ConfigLookup LOOKUP = new ConfigLookup() {
        @Override
        public Optional<ConfigMap> configMap(String namespace, String name) {
            if (namespace.equals("ns") && name.equals("cm-appvars")) {
                return Optional.of(new ConfigMapBuilder().withData(Map.of("apploglevel", "info", "appdatadir", "/var/data"))
                        .build());
            }
            return Optional.empty();
        }

        @Override
        public Optional<Secret> secret(String namespace, String name) {
            if (name.equals("db")) {
                return Optional.of(new SecretBuilder().withData(Map.of("password", "czNjcjN0")).build());
            }
            return Optional.empty();
        }
    };

    @Test
    void resolvesLiteralsConfigMapSecretAndFieldReferences() {
        Container c = new ContainerBuilder().withName("c")
                .addNewEnv().withName("APPLOGLEVEL").withNewValueFrom().withNewConfigMapKeyRef()
                .withName("cm-appvars").withKey("apploglevel").endConfigMapKeyRef().endValueFrom().endEnv()
                .addNewEnv().withName("PASSWORD").withNewValueFrom().withNewSecretKeyRef()
                .withName("db").withKey("password").endSecretKeyRef().endValueFrom().endEnv()
                .addNewEnv().withName("POD").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name")
                .endFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("NS").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.namespace")
                .endFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("IP").withNewValueFrom().withNewFieldRef().withFieldPath("status.podIP")
                .endFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("URL").withValue("http://$(IP):80/$(MISSING)").endEnv()
                .build();
        assertThat(EnvResolver.resolve(pod(), c, FIELDS, LOOKUP)).containsExactly("APPLOGLEVEL=info",
                "PASSWORD=s3cr3t", "POD=p", "NS=ns", "IP=172.17.0.9", "URL=http://172.17.0.9:80/$(MISSING)");
    }

    @Test
    void envFromAddsEveryKeyWithItsPrefixAndEnvOverridesIt() {
        Container c = new ContainerBuilder().withName("c")
                .addNewEnvFrom().withPrefix("CFG_").withNewConfigMapRef().withName("cm-appvars").endConfigMapRef().endEnvFrom()
                .addNewEnv().withName("CFG_apploglevel").withValue("debug").endEnv().build();
        assertThat(EnvResolver.resolve(pod(), c, FIELDS, LOOKUP))
                .containsExactlyInAnyOrder("CFG_apploglevel=debug", "CFG_appdatadir=/var/data");
    }

    static Stream<Arguments> missing() {
        return Stream.of(
                Arguments.of("missing configmap", "nope", "apploglevel", "configmap \"nope\" not found"),
                Arguments.of("missing key", "cm-appvars", "nokey", "couldn't find key nokey in ConfigMap ns/cm-appvars"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("missing")
    void aMissingReferenceIsAContainerConfigErrorNamingIt(String name, String cm, String key, String message) {
        Container c = new ContainerBuilder().withName("c").addNewEnv().withName("X").withNewValueFrom()
                .withNewConfigMapKeyRef().withName(cm).withKey(key).endConfigMapKeyRef().endValueFrom().endEnv().build();
        assertThatThrownBy(() -> EnvResolver.resolve(pod(), c, FIELDS, LOOKUP))
                .isInstanceOf(ContainerConfigException.class).hasMessage(message);
    }

    @Test
    void anOptionalMissingReferenceIsLeftOut() {
        Container c = new ContainerBuilder().withName("c").addNewEnv().withName("X").withNewValueFrom()
                .withNewConfigMapKeyRef().withName("nope").withKey("k").withOptional(true).endConfigMapKeyRef()
                .endValueFrom().endEnv().build();
        assertThat(EnvResolver.resolve(pod(), c, FIELDS, LOOKUP)).isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\" → \"{1}\"")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "$(A)|x", "$(A)-$(B)|x-$(B)", "$$(A)|$(A)", "a$$b|a$b", "plain|plain"})
    void expandsEarlierVariablesLikeKubernetes(String value, String expected) {
        assertThat(EnvResolver.expand(value, Map.of("A", "x"))).isEqualTo(expected);
    }

    /** The lookup above, with the notes' mysql Service in the pod's namespace. */
    private static final ConfigLookup WITH_MYSQL = new ConfigLookup() {
        @Override
        public Optional<ConfigMap> configMap(String namespace, String name) {
            return LOOKUP.configMap(namespace, name);
        }

        @Override
        public Optional<Secret> secret(String namespace, String name) {
            return LOOKUP.secret(namespace, name);
        }

        @Override
        public List<io.fabric8.kubernetes.api.model.Service> services(String namespace) {
            if (namespace.equals("default")) {
                return List.of(ServiceEnvTest.service("kubernetes", "10.96.0.1", "https/443/TCP"),
                        ServiceEnvTest.service("other", "10.96.0.30", "/80/TCP"));
            }
            return namespace.equals("ns") ? List.of(ServiceEnvTest.service("mysql", "10.96.0.20", "/3306/TCP")) : List.of();
        }
    };

    @Test
    void theNamespacesServicesComeAfterTheContainersOwnVariablesWhichWinAndMayReferToThem() {
        Container c = new ContainerBuilder().withName("c")
                .addNewEnv().withName("MYSQL_SERVICE_PORT").withValue("3307").endEnv()
                .addNewEnv().withName("DB").withValue("$(MYSQL_SERVICE_HOST):$(MYSQL_SERVICE_PORT)").endEnv().build();
        assertThat(EnvResolver.resolve(pod(), c, FIELDS, WITH_MYSQL)).startsWith("MYSQL_SERVICE_PORT=3307",
                "DB=10.96.0.20:3307").contains("MYSQL_SERVICE_HOST=10.96.0.20", "MYSQL_PORT=tcp://10.96.0.20:3306")
                .doesNotContain("MYSQL_SERVICE_PORT=3306");
    }

    @Test
    void enableServiceLinksFalseLeavesTheServiceVariablesOut() {
        Pod pod = pod();
        pod.getSpec().setEnableServiceLinks(false);
        Container c = new ContainerBuilder().withName("c").addNewEnv().withName("A").withValue("$(MYSQL_SERVICE_HOST)").endEnv().build();
        assertThat(EnvResolver.resolve(pod, c, FIELDS, WITH_MYSQL)).startsWith("A=$(MYSQL_SERVICE_HOST)")
                .contains("KUBERNETES_SERVICE_HOST=10.96.0.1", "KUBERNETES_SERVICE_PORT=443",
                        "KUBERNETES_SERVICE_PORT_HTTPS=443", "KUBERNETES_PORT=tcp://10.96.0.1:443")
                .noneMatch(v -> v.startsWith("MYSQL_") || v.startsWith("OTHER_"));
    }

    @Test
    void everyPodSeesTheApisOwnServiceButNotTheDefaultNamespacesOthers() {
        Container c = new ContainerBuilder().withName("c").build();
        assertThat(EnvResolver.resolve(pod(), c, FIELDS, WITH_MYSQL)).contains("KUBERNETES_SERVICE_HOST=10.96.0.1",
                "MYSQL_SERVICE_HOST=10.96.0.20").noneMatch(v -> v.startsWith("OTHER_"));
    }

    private static Pod pod() {
        Pod pod = ContainerSpecsTest.pod(new ContainerBuilder().withName("c").build());
        pod.getMetadata().setNamespace("ns");
        return pod;
    }

    @SuppressWarnings("unused")
    private static List<String> none() {
        return List.of();
    }

    /** Kubernetes' dapi-envars-resourcefieldref example, and a limit left unset: the node's allocatable. */
    @Test
    void resourceFieldRefsGiveRequestsAndLimitsDividedAndRoundedUp() {
        Container c = io.fabric8.kubernetes.client.utils.Serialization.unmarshal("""
                name: test-container
                image: busybox
                resources:
                  requests: {memory: 32Mi, cpu: 125m}
                  limits: {memory: 64Mi}
                env:
                - name: MY_CPU_REQUEST
                  valueFrom: {resourceFieldRef: {containerName: test-container, resource: requests.cpu, divisor: 1m}}
                - name: MY_CPU_REQUEST_CORES
                  valueFrom: {resourceFieldRef: {resource: requests.cpu}}
                - name: MY_CPU_LIMIT
                  valueFrom: {resourceFieldRef: {resource: limits.cpu}}
                - name: MY_MEM_REQUEST
                  valueFrom: {resourceFieldRef: {resource: requests.memory}}
                - name: MY_MEM_LIMIT
                  valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}
                """, Container.class);
        Pod pod = pod();
        pod.getSpec().setContainers(List.of(c));
        var fields = new EnvResolver.PodFields("172.17.0.9", "127.0.0.1", Map.of("cpu", "2", "memory", "8Gi"));
        assertThat(EnvResolver.resolve(pod, c, fields, LOOKUP)).contains("MY_CPU_REQUEST=125", "MY_CPU_REQUEST_CORES=1",
                "MY_CPU_LIMIT=2", "MY_MEM_REQUEST=33554432", "MY_MEM_LIMIT=64");
    }
}
