package io.kubelite.nodeagent.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.kubelite.nodeagent.pod.ConfigLookup;
import io.kubelite.nodeagent.pod.ContainerConfigException;
import io.kubelite.nodeagent.runtime.ContainerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kube-api-access volume every pod gets, on a real file system: token, CA and namespace. */
class ProjectedVolumeTest {

    @TempDir
    Path tmp;

    final Map<String, ConfigMap> configMaps = new HashMap<>();
    final List<String> tokenRequests = new ArrayList<>();
    final List<String> removed = new ArrayList<>();
    final ConfigLookup lookup = new ConfigLookup() {
        @Override
        public Optional<ConfigMap> configMap(String namespace, String name) {
            return Optional.ofNullable(configMaps.get(namespace + "/" + name));
        }

        @Override
        public Optional<Secret> secret(String namespace, String name) {
            return Optional.empty();
        }

        @Override
        public Optional<String> serviceAccountToken(Pod pod, String audience, long expirationSeconds) {
            tokenRequests.add(pod.getSpec().getServiceAccountName() + " " + audience + " " + expirationSeconds);
            return Optional.of("header.claims.signature");
        }

        @Override
        public void podRemoved(String podUid) {
            removed.add(podUid);
        }
    };

    static Pod pod() {
        return new PodBuilder().withNewMetadata().withNamespace("shop").withName("web").withUid("uid-1")
                .addToLabels("app", "web").addToLabels("tier", "front").endMetadata()
                .withNewSpec().withServiceAccountName("builder")
                .addNewVolume().withName("kube-api-access-b2x4z").withNewProjected().withDefaultMode(420)
                .addNewSource().withNewServiceAccountToken().withExpirationSeconds(3607L).withPath("token").endServiceAccountToken().endSource()
                .addNewSource().withNewConfigMap().withName("kube-root-ca.crt").addNewItem().withKey("ca.crt").withPath("ca.crt").endItem()
                .endConfigMap().endSource()
                .addNewSource().withNewDownwardAPI().addNewItem().withPath("namespace").withNewFieldRef("v1", "metadata.namespace")
                .endItem().addNewItem().withPath("labels").withNewFieldRef("v1", "metadata.labels").endItem().endDownwardAPI().endSource()
                .endProjected().endVolume()
                .addNewContainer().withName("web").addNewVolumeMount().withName("kube-api-access-b2x4z")
                .withMountPath("/var/run/secrets/kubernetes.io/serviceaccount").withReadOnly(true).endVolumeMount().endContainer()
                .endSpec().build();
    }

    @Test
    void holdsTheTokenTheCaAndTheNamespaceMountedReadOnly() throws Exception {
        configMaps.put("shop/kube-root-ca.crt", new ConfigMapBuilder().withData(Map.of("ca.crt", "PEM")).build());
        Pod pod = pod();

        new VolumeSetup(tmp, lookup).setUp(pod);

        Path dir = tmp.resolve("pods/uid-1/volumes/kubernetes.io~projected/kube-api-access-b2x4z");
        assertThat(Files.readString(dir.resolve("token"))).isEqualTo("header.claims.signature");
        assertThat(Files.readString(dir.resolve("ca.crt"))).isEqualTo("PEM");
        assertThat(Files.readString(dir.resolve("namespace"))).isEqualTo("shop");
        assertThat(Files.readString(dir.resolve("labels"))).isEqualTo("app=\"web\"\ntier=\"front\"");
        assertThat(tokenRequests).containsExactly("builder  3607");
        assertThat(VolumeMounts.forContainer(tmp, pod, pod.getSpec().getContainers().get(0))).containsExactly(
                new ContainerSpec.Mount(dir.toString(), "/var/run/secrets/kubernetes.io/serviceaccount", true));
    }

    @Test
    void waitsForTheCaConfigMapAndForgetsThePodWhenItGoes() {
        VolumeSetup volumes = new VolumeSetup(tmp, lookup);

        assertThatThrownBy(() -> volumes.setUp(pod())).isInstanceOf(ContainerConfigException.class)
                .hasMessage("configmap \"kube-root-ca.crt\" not found");

        volumes.tearDown("uid-1");
        assertThat(removed).containsExactly("uid-1");
    }

    /** Kubernetes' dapi-volume examples: labels, annotations and a container's limits as files. */
    @Test
    void aDownwardApiVolumeHoldsThePodsFieldsAndAContainersResources() throws Exception {
        Pod pod = io.fabric8.kubernetes.client.utils.Serialization.unmarshal("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: kubernetes-downwardapi-volume-example
                  namespace: default
                  uid: u-dapi
                  labels: {zone: us-est-coast, cluster: test-cluster1}
                spec:
                  containers:
                  - name: client-container
                    image: busybox
                    resources: {limits: {memory: 64Mi}}
                  volumes:
                  - name: podinfo
                    downwardAPI:
                      items:
                      - path: labels
                        fieldRef: {fieldPath: metadata.labels}
                      - path: mem_limit
                        resourceFieldRef: {containerName: client-container, resource: limits.memory, divisor: 1Mi}
                      - path: cpu_limit
                        resourceFieldRef: {containerName: client-container, resource: limits.cpu, divisor: 1m}
                """, Pod.class);
        new VolumeSetup(tmp, lookup, Map.of("cpu", "2", "memory", "8Gi")).setUp(pod);
        Path dir = VolumeMounts.hostPath(tmp, "u-dapi", pod.getSpec().getVolumes().get(0));
        assertThat(dir.toString()).endsWith("kubernetes.io~downward-api/podinfo");
        assertThat(Files.readString(dir.resolve("mem_limit"))).isEqualTo("64");
        assertThat(Files.readString(dir.resolve("cpu_limit"))).as("no limit: the node's 2 CPUs").isEqualTo("2000");
        assertThat(Files.readString(dir.resolve("labels"))).contains("zone=\"us-est-coast\"");
        assertThat(VolumeMounts.forContainer(tmp, pod, pod.getSpec().getContainers().get(0))).isEmpty();
    }
}
