package io.kubelite.nodeagent.volume;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.kubelite.nodeagent.pod.ContainerConfigException;
import io.kubelite.nodeagent.runtime.ContainerSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each pod volume lives on the host, and the binds a container gets. Layout under the
 * agent's state directory, as the kubelet lays out /var/lib/kubelet:
 * <pre>
 *   pods/&lt;uid&gt;/volumes/kubernetes.io~empty-dir/&lt;name&gt;   emptyDir (shared by the pod's containers)
 *   pods/&lt;uid&gt;/volumes/kubernetes.io~configmap/&lt;name&gt;   configMap files
 *   pods/&lt;uid&gt;/volumes/kubernetes.io~secret/&lt;name&gt;      secret files
 *   pods/&lt;uid&gt;/volumes/kubernetes.io~downward-api/&lt;name&gt; the pod's fields and resources as files
 *   hostPath volumes bind the host path itself
 * </pre>
 */
public final class VolumeMounts {

    private VolumeMounts() {
    }

    public static Path podDir(Path stateDir, String podUid) {
        return stateDir.resolve("pods").resolve(podUid);
    }

    /** The host directory of a volume, or null for a volume type the agent does not support. */
    public static Path hostPath(Path stateDir, String podUid, Volume volume) {
        Path volumes = podDir(stateDir, podUid).resolve("volumes");
        if (volume.getEmptyDir() != null) {
            return volumes.resolve("kubernetes.io~empty-dir").resolve(volume.getName());
        }
        if (volume.getConfigMap() != null) {
            return volumes.resolve("kubernetes.io~configmap").resolve(volume.getName());
        }
        if (volume.getSecret() != null) {
            return volumes.resolve("kubernetes.io~secret").resolve(volume.getName());
        }
        if (volume.getProjected() != null) {
            return volumes.resolve("kubernetes.io~projected").resolve(volume.getName());
        }
        if (volume.getDownwardAPI() != null) {
            return volumes.resolve("kubernetes.io~downward-api").resolve(volume.getName());
        }
        if (volume.getHostPath() != null) {
            return Path.of(volume.getHostPath().getPath());
        }
        if (volume.getPersistentVolumeClaim() != null) {
            // a link to the bound PersistentVolume's directory, made by VolumeSetup
            return volumes.resolve("kubernetes.io~pvc").resolve(volume.getName());
        }
        return null;
    }

    /**
     * The container's binds. configMap, secret and projected volumes are always read-only, as in Kubernetes.
     * subPath binds a path inside the volume: volume at /s/v, subPath "conf/a" → /s/v/conf/a.
     */
    public static List<ContainerSpec.Mount> forContainer(Path stateDir, Pod pod, Container container) {
        List<ContainerSpec.Mount> mounts = new ArrayList<>();
        if (container.getVolumeMounts() == null) {
            return mounts;
        }
        for (VolumeMount mount : container.getVolumeMounts()) {
            Volume volume = find(pod, mount.getName());
            Path host = hostPath(stateDir, pod.getMetadata().getUid(), volume);
            if (host == null) {
                throw new ContainerConfigException("volume \"" + mount.getName() + "\" has a type this node does not support");
            }
            if (mount.getSubPath() != null && !mount.getSubPath().isEmpty()) {
                host = host.resolve(mount.getSubPath());
            }
            boolean readOnly = Boolean.TRUE.equals(mount.getReadOnly()) || volume.getConfigMap() != null
                    || volume.getSecret() != null || volume.getProjected() != null || volume.getDownwardAPI() != null
                    || (volume.getPersistentVolumeClaim() != null && Boolean.TRUE.equals(volume.getPersistentVolumeClaim().getReadOnly()));
            mounts.add(new ContainerSpec.Mount(host.toString(), mount.getMountPath(), readOnly));
        }
        return mounts;
    }

    static Volume find(Pod pod, String name) {
        if (pod.getSpec().getVolumes() != null) {
            for (Volume volume : pod.getSpec().getVolumes()) {
                if (volume.getName().equals(name)) {
                    return volume;
                }
            }
        }
        throw new ContainerConfigException("volumeMount \"" + name + "\" refers to no volume of the pod");
    }
}
