package io.kubelite.nodeagent.volume;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapProjection;
import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.kubelite.nodeagent.pod.ResourceFields;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.ProjectedVolumeSource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretProjection;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.ServiceAccountTokenProjection;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.kubelite.nodeagent.pod.ConfigLookup;
import io.kubelite.nodeagent.pod.ContainerConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Makes a pod's volumes exist on the host. Called on every sync, so a changed ConfigMap reaches
 * its mounted files within a sync period (Kubernetes: within the kubelet's sync period plus the
 * cache TTL). Files are written to a temporary name and moved, so a reader never sees half a file.
 */
public final class VolumeSetup {

    private final Path stateDir;
    private final ConfigLookup lookup;

    private final Map<String, String> allocatable;

    public VolumeSetup(Path stateDir, ConfigLookup lookup) {
        this(stateDir, lookup, Map.of());
    }

    /** {@code allocatable}: the node's cpu and memory, the limits of a container that sets none (resourceFieldRef). */
    public VolumeSetup(Path stateDir, ConfigLookup lookup, Map<String, String> allocatable) {
        this.stateDir = stateDir;
        this.lookup = lookup;
        this.allocatable = Map.copyOf(allocatable);
    }

    public void setUp(Pod pod) {
        if (pod.getSpec().getVolumes() == null) {
            return;
        }
        String uid = pod.getMetadata().getUid();
        String namespace = pod.getMetadata().getNamespace();
        for (Volume volume : pod.getSpec().getVolumes()) {
            Path dir = VolumeMounts.hostPath(stateDir, uid, volume);
            if (dir == null) {
                continue;
            }
            try {
                if (volume.getEmptyDir() != null) {
                    Files.createDirectories(dir);
                    dir.toFile().setWritable(true, false);
                } else if (volume.getHostPath() != null) {
                    String type = volume.getHostPath().getType();
                    if ("DirectoryOrCreate".equals(type)) {
                        Files.createDirectories(dir);
                    } else if ("Directory".equals(type) && !Files.isDirectory(dir)) {
                        throw new ContainerConfigException("hostPath type check failed: " + dir + " is not a directory");
                    }
                } else if (volume.getConfigMap() != null) {
                    ConfigMapVolumeSource cm = volume.getConfigMap();
                    writeFiles(dir, configMapFiles(namespace, cm.getName(), cm.getOptional(), cm.getItems()));
                } else if (volume.getPersistentVolumeClaim() != null) {
                    link(dir, claimedPath(namespace, volume.getPersistentVolumeClaim().getClaimName()));
                } else if (volume.getSecret() != null) {
                    SecretVolumeSource secret = volume.getSecret();
                    writeFiles(dir, secretFiles(namespace, secret.getSecretName(), secret.getOptional(), secret.getItems()));
                } else if (volume.getProjected() != null) {
                    writeFiles(dir, projected(pod, volume.getProjected()));
                } else if (volume.getDownwardAPI() != null) {
                    writeFiles(dir, downward(pod, volume.getDownwardAPI().getItems()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("volume " + volume.getName() + " of pod " + namespace + "/"
                        + pod.getMetadata().getName() + " at " + dir, e);
            }
        }
    }

    /** The downward API's files: each item a field of the pod (fieldRef) or a container's resource (resourceFieldRef). */
    private Map<String, String> downward(Pod pod, List<DownwardAPIVolumeFile> items) {
        Map<String, String> files = new LinkedHashMap<>();
        for (DownwardAPIVolumeFile item : items == null ? List.<DownwardAPIVolumeFile>of() : items) {
            if (item.getFieldRef() != null) {
                files.put(item.getPath(), DownwardFields.value(pod, item.getFieldRef().getFieldPath()));
            } else if (item.getResourceFieldRef() != null) {
                files.put(item.getPath(), ResourceFields.value(
                        ResourceFields.container(pod, item.getResourceFieldRef().getContainerName()),
                        item.getResourceFieldRef(), allocatable));
            }
        }
        return files;
    }

    /** A ConfigMap's files (see {@link #files}); a missing one is an error unless optional. */
    private Map<String, String> configMapFiles(String namespace, String name, Boolean optional, List<KeyToPath> items) {
        Optional<ConfigMap> cm = lookup.configMap(namespace, name);
        if (cm.isEmpty() && !Boolean.TRUE.equals(optional)) {
            throw new ContainerConfigException("configmap \"" + name + "\" not found");
        }
        return files(cm.map(ConfigMap::getData).orElse(Map.of()), items, "ConfigMap " + name);
    }

    /** A Secret's files, its values decoded (see {@link #files}); a missing one is an error unless optional. */
    private Map<String, String> secretFiles(String namespace, String name, Boolean optional, List<KeyToPath> items) {
        Optional<Secret> secret = lookup.secret(namespace, name);
        if (secret.isEmpty() && !Boolean.TRUE.equals(optional)) {
            throw new ContainerConfigException("secret \"" + name + "\" not found");
        }
        Map<String, String> data = new LinkedHashMap<>();
        secret.map(Secret::getData).orElse(Map.of())
                .forEach((k, v) -> data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        return files(data, items, "Secret " + name);
    }

    /**
     * A projected volume's files: its ConfigMaps', Secrets', downward API fields' and service
     * account token's, one directory (the kube-api-access volume every pod gets holds
     * {@code token}, {@code ca.crt} and {@code namespace}).
     */
    private Map<String, String> projected(Pod pod, ProjectedVolumeSource projected) {
        String namespace = pod.getMetadata().getNamespace();
        Map<String, String> files = new LinkedHashMap<>();
        for (VolumeProjection source : projected.getSources() == null ? List.<VolumeProjection>of() : projected.getSources()) {
            if (source.getConfigMap() != null) {
                ConfigMapProjection cm = source.getConfigMap();
                files.putAll(configMapFiles(namespace, cm.getName(), cm.getOptional(), cm.getItems()));
            } else if (source.getSecret() != null) {
                SecretProjection secret = source.getSecret();
                files.putAll(secretFiles(namespace, secret.getName(), secret.getOptional(), secret.getItems()));
            } else if (source.getDownwardAPI() != null) {
                files.putAll(downward(pod, source.getDownwardAPI().getItems()));
            } else if (source.getServiceAccountToken() != null) {
                ServiceAccountTokenProjection token = source.getServiceAccountToken();
                long seconds = token.getExpirationSeconds() == null ? 3600 : token.getExpirationSeconds();
                String audience = token.getAudience() == null ? "" : token.getAudience();
                Optional<String> issued;
                try {
                    issued = lookup.serviceAccountToken(pod, audience, seconds);
                } catch (RuntimeException e) {
                    // the account was deleted, the API is away: the pod waits, saying why, as the kubelet does
                    throw new ContainerConfigException("failed to fetch token: " + e.getMessage());
                }
                files.put(token.getPath(), issued.orElseThrow(() -> new ContainerConfigException("no token for service account \""
                        + pod.getSpec().getServiceAccountName() + "\" can be had on this node")));
            }
        }
        return files;
    }

    /**
     * The host directory of the PersistentVolume a claim is bound to: a hostPath or local volume
     * (created when missing). A claim that is missing or not yet bound keeps the pod's containers
     * from being created until it is (the sync retries), as the kubelet waits for its volumes.
     */
    private Path claimedPath(String namespace, String claimName) {
        PersistentVolumeClaim claim = lookup.claim(namespace, claimName).orElseThrow(() ->
                new ContainerConfigException("persistentvolumeclaim \"" + claimName + "\" not found"));
        String volumeName = claim.getSpec() == null ? null : claim.getSpec().getVolumeName();
        if (volumeName == null || volumeName.isEmpty() || claim.getStatus() == null || !"Bound".equals(claim.getStatus().getPhase())) {
            throw new ContainerConfigException("persistentvolumeclaim \"" + claimName + "\" is not bound");
        }
        PersistentVolume pv = lookup.persistentVolume(volumeName).orElseThrow(() ->
                new ContainerConfigException("persistentvolume \"" + volumeName + "\" not found"));
        String path = pv.getSpec().getHostPath() != null ? pv.getSpec().getHostPath().getPath()
                : pv.getSpec().getLocal() != null ? pv.getSpec().getLocal().getPath() : null;
        if (path == null) {
            throw new ContainerConfigException("persistentvolume \"" + volumeName
                    + "\" has a type this node cannot mount (hostPath and local can be)");
        }
        return Path.of(path);
    }

    /** Points {@code link} at {@code target} (made when missing), replacing an older link. */
    private static void link(Path link, Path target) throws IOException {
        Files.createDirectories(target);
        Files.createDirectories(link.getParent());
        if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) {
            return;
        }
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target);
    }

    /**
     * File path → content. Without items every key is a file named after it; with items only the
     * listed keys, at their paths (key "key-serverxml", path "server.xml" → server.xml).
     */
    public static Map<String, String> files(Map<String, String> data, List<KeyToPath> items, String source) {
        Map<String, String> files = new LinkedHashMap<>();
        Map<String, String> values = data == null ? Map.of() : data;
        if (items == null || items.isEmpty()) {
            values.forEach(files::put);
            return files;
        }
        for (KeyToPath item : items) {
            if (!values.containsKey(item.getKey())) {
                throw new ContainerConfigException("configmap references non-existent config key: " + item.getKey()
                        + " (" + source + ")");
            }
            files.put(item.getPath(), values.get(item.getKey()));
        }
        return files;
    }

    private static void writeFiles(Path dir, Map<String, String> files) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = dir.resolve(file.getKey()).normalize();
            if (!target.startsWith(dir)) {
                throw new ContainerConfigException("volume file path " + file.getKey() + " leaves the volume");
            }
            Files.createDirectories(target.getParent());
            byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
            if (Files.exists(target) && java.util.Arrays.equals(Files.readAllBytes(target), content)) {
                continue;
            }
            Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
            Files.write(tmp, content);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Removes the pod's directory (its emptyDirs and projected files) once its containers are gone. */
    public void tearDown(String podUid) {
        lookup.podRemoved(podUid);
        Path dir = VolumeMounts.podDir(stateDir, podUid);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
