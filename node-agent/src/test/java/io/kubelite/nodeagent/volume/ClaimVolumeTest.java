package io.kubelite.nodeagent.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.kubelite.nodeagent.pod.ConfigLookup;
import io.kubelite.nodeagent.pod.ContainerConfigException;
import io.kubelite.nodeagent.runtime.ContainerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pod's persistentVolumeClaim volume on a real file system: a link to the bound volume's directory. */
class ClaimVolumeTest {

    @TempDir
    Path tmp;

    final Map<String, PersistentVolumeClaim> claims = new HashMap<>();
    final Map<String, PersistentVolume> volumes = new HashMap<>();
    final ConfigLookup lookup = new ConfigLookup() {
        @Override
        public Optional<ConfigMap> configMap(String namespace, String name) {
            return Optional.empty();
        }

        @Override
        public Optional<Secret> secret(String namespace, String name) {
            return Optional.empty();
        }

        @Override
        public Optional<PersistentVolumeClaim> claim(String namespace, String name) {
            return Optional.ofNullable(claims.get(namespace + "/" + name));
        }

        @Override
        public Optional<PersistentVolume> persistentVolume(String name) {
            return Optional.ofNullable(volumes.get(name));
        }
    };

    static Pod pod(boolean readOnly) {
        return new PodBuilder().withNewMetadata().withNamespace("shop").withName("db").withUid("uid-1").endMetadata()
                .withNewSpec().addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName("db-data")
                .withReadOnly(readOnly).endPersistentVolumeClaim().endVolume()
                .addNewContainer().withName("db").addNewVolumeMount().withName("data").withMountPath("/var/lib/db").endVolumeMount()
                .endContainer().endSpec().build();
    }

    void claim(String phase, String volumeName) {
        claims.put("shop/db-data", new PersistentVolumeClaimBuilder().withNewMetadata().withNamespace("shop").withName("db-data")
                .endMetadata().withNewSpec().withVolumeName(volumeName).endSpec().withNewStatus().withPhase(phase).endStatus().build());
    }

    @Test
    void theClaimsVolumeIsLinkedIntoThePodAndOutlivesIt() throws Exception {
        Path data = tmp.resolve("pv-data");
        volumes.put("pv-1", new PersistentVolumeBuilder().withNewMetadata().withName("pv-1").endMetadata().withNewSpec()
                .withNewHostPath().withPath(data.toString()).endHostPath().endSpec().build());
        claim("Bound", "pv-1");
        Path state = tmp.resolve("state");
        VolumeSetup setup = new VolumeSetup(state, lookup);
        Pod pod = pod(false);
        setup.setUp(pod);

        List<ContainerSpec.Mount> mounts = VolumeMounts.forContainer(state, pod, pod.getSpec().getContainers().get(0));
        Path link = Path.of(mounts.get(0).hostPath());
        assertThat(mounts.get(0).containerPath()).isEqualTo("/var/lib/db");
        assertThat(mounts.get(0).readOnly()).isFalse();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(data);
        Files.writeString(link.resolve("table"), "rows");

        setup.tearDown("uid-1");
        assertThat(VolumeMounts.podDir(state, "uid-1")).doesNotExist();
        assertThat(data.resolve("table")).as("the volume's data stays").hasContent("rows");
    }

    @Test
    void aReadOnlyClaimIsMountedReadOnly() {
        Pod pod = pod(true);
        assertThat(VolumeMounts.forContainer(tmp, pod, pod.getSpec().getContainers().get(0)).get(0).readOnly()).isTrue();
    }

    @Test
    void aMissingOrUnboundClaimOrAVolumeThisNodeCannotMountKeepsTheContainersWaitingWithTheReason() {
        VolumeSetup setup = new VolumeSetup(tmp, lookup);
        assertThatThrownBy(() -> setup.setUp(pod(false))).isInstanceOf(ContainerConfigException.class)
                .hasMessage("persistentvolumeclaim \"db-data\" not found");
        claim("Pending", null);
        assertThatThrownBy(() -> setup.setUp(pod(false))).hasMessage("persistentvolumeclaim \"db-data\" is not bound");
        claim("Bound", "nfs-1");
        volumes.put("nfs-1", new PersistentVolumeBuilder().withNewMetadata().withName("nfs-1").endMetadata().withNewSpec()
                .withNewNfs().withServer("192.0.2.1").withPath("/export").endNfs().endSpec().build());
        assertThatThrownBy(() -> setup.setUp(pod(false)))
                .hasMessage("persistentvolume \"nfs-1\" has a type this node cannot mount (hostPath and local can be)");
    }
}
