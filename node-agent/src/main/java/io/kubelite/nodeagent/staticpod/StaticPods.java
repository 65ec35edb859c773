package io.kubelite.nodeagent.staticpod;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Static pods: every Pod manifest in the node's manifest directory ({@code kubelite.node.static-pod-path})
 * becomes a mirror pod in the API named {@code <name>-<node>}, bound to this node and annotated
 * {@code kubernetes.io/config.mirror} (the manifest's hash), {@code kubernetes.io/config.source: file}.
 * The pod worker then runs it like any other. A changed file replaces its mirror pod; a removed
 * file deletes it. Unlike the kubelet, the containers follow the mirror pod, so static pods run only
 * while the API is reachable.
 */
public final class StaticPods {

    private static final Logger LOG = LoggerFactory.getLogger(StaticPods.class);
    public static final String MIRROR = "kubernetes.io/config.mirror";
    public static final String SOURCE = "kubernetes.io/config.source";

    private final KubernetesClient client;
    private final String node;
    private final Path directory;

    public StaticPods(KubernetesClient client, String node, Path directory) {
        this.client = client;
        this.node = node;
        this.directory = directory;
    }

    public void sync() {
        Map<String, Pod> desired = new HashMap<>();
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.sorted().toList()) {
                    String name = file.getFileName().toString();
                    if (name.startsWith(".") || !(name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"))) {
                        continue;
                    }
                    String content = Files.readString(file);
                    Pod pod = mirror(content, node);
                    if (pod != null) {
                        desired.put(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName(), pod);
                    } else {
                        LOG.atWarn().addKeyValue("file", file).log("Static pod manifest is not a Pod; ignored");
                    }
                }
            } catch (IOException e) {
                LOG.atWarn().addKeyValue("directory", directory).log("Cannot read static pod manifests: " + e.getMessage());
                return;
            }
        }
        List<Pod> existing = client.pods().inAnyNamespace().withField("spec.nodeName", node).list().getItems().stream()
                .filter(p -> p.getMetadata().getAnnotations() != null
                        && "file".equals(p.getMetadata().getAnnotations().get(SOURCE)))
                .toList();
        for (Pod pod : existing) {
            String key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
            Pod want = desired.get(key);
            if (want == null || !want.getMetadata().getAnnotations().get(MIRROR).equals(pod.getMetadata().getAnnotations().get(MIRROR))) {
                client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                        .withGracePeriod(0).delete();
                LOG.atInfo().addKeyValue("pod", key).log(want == null ? "Static pod manifest removed; deleted its mirror pod"
                        : "Static pod manifest changed; replacing its mirror pod");
            } else {
                desired.remove(key);
            }
        }
        for (Pod pod : desired.values()) {
            try {
                client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
                LOG.atInfo().addKeyValue("pod", pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName())
                        .log("Created the mirror pod of a static pod");
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    LOG.atWarn().log("Cannot create mirror pod " + pod.getMetadata().getName() + ": " + e.getMessage());
                }
            }
        }
    }

    /** The mirror pod of a manifest: "web" on node-1 → default/web-node-1, annotated with the manifest's hash. */
    static Pod mirror(String manifest, String node) {
        HasMetadata parsed = Serialization.unmarshal(manifest);
        if (!(parsed instanceof Pod pod)) {
            return null;
        }
        String hash = sha256(manifest);
        pod.getMetadata().setName(pod.getMetadata().getName() + "-" + node);
        if (pod.getMetadata().getNamespace() == null || pod.getMetadata().getNamespace().isEmpty()) {
            pod.getMetadata().setNamespace("default");
        }
        Map<String, String> annotations = pod.getMetadata().getAnnotations() == null ? new HashMap<>()
                : new HashMap<>(pod.getMetadata().getAnnotations());
        annotations.put(MIRROR, hash);
        annotations.put("kubernetes.io/config.hash", hash);
        annotations.put(SOURCE, "file");
        pod.getMetadata().setAnnotations(annotations);
        pod.getMetadata().setUid(null);
        pod.getMetadata().setResourceVersion(null);
        pod.getSpec().setNodeName(node);
        pod.setStatus(null);
        return pod;
    }

    private static String sha256(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
