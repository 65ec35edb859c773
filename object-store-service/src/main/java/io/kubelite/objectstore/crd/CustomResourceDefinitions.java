package io.kubelite.objectstore.crd;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.kubelite.objectstore.resource.CustomResourceVersion;
import io.kubelite.objectstore.resource.ResourceRegistry;
import io.kubelite.objectstore.resource.ResourceType;
import io.kubelite.objectstore.storage.ObjectStore;
import io.kubelite.objectstore.storage.StoredObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Serves the custom resources of the stored CustomResourceDefinitions: every served version of
 * every definition becomes a {@link ResourceType} in the {@link ResourceRegistry} (discovery, REST,
 * watch, Tables), stored in the definition's storage version.
 *
 * <p>The registry is rebuilt from the database at start, right after this replica writes a
 * definition, when a request names a resource it does not know (a definition another replica just
 * wrote), and every two seconds (one replica learning of another's changes). Example: after
 * {@code kubectl apply -f crontab-crd.yaml}, {@code GET /apis/stable.example.com/v1/namespaces/default/crontabs}
 * is served at once.
 */
@Component
@Order(0)
public class CustomResourceDefinitions implements ApplicationRunner {

    public static final String RESOURCE = "customresourcedefinitions.apiextensions.k8s.io";
    private static final Logger log = LoggerFactory.getLogger(CustomResourceDefinitions.class);
    private static final long MISS_RELOAD_NANOS = 250_000_000L;

    private final ObjectStore store;
    private final ResourceRegistry registry;
    private long lastMissReload;
    private Map<String, Built> built = Map.of();

    public CustomResourceDefinitions(ObjectStore store, ResourceRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    @Override
    public void run(ApplicationArguments args) {
        reload();
    }

    @Scheduled(fixedDelayString = "${kubelite.store.crd-refresh:2s}", initialDelayString = "${kubelite.store.crd-refresh:2s}")
    public void refresh() {
        reload();
    }

    /**
     * A request named a resource the registry does not know: reload, at most four times a second,
     * in case another replica has just established its definition. True if something was reloaded.
     */
    public boolean reloadOnMiss() {
        synchronized (this) {
            long now = System.nanoTime();
            if (now - lastMissReload < MISS_RELOAD_NANOS) {
                return false;
            }
            lastMissReload = now;
        }
        reload();
        return true;
    }

    /**
     * Reads every definition and serves what they define. A definition whose resourceVersion has
     * not moved keeps what was built from it (schemas, CEL programs, printers are not built again
     * every refresh), and the registry is only replaced when something changed.
     */
    public synchronized void reload() {
        Map<String, Built> next = new HashMap<>();
        boolean changed = false;
        java.util.Set<String> terminating = new java.util.HashSet<>();
        for (StoredObject crd : store.all(RESOURCE)) {
            if (crd.body().path("metadata").hasNonNull("deletionTimestamp")) {
                terminating.add(crd.name());
            }
            Built before = built.get(crd.name());
            if (before != null && before.resourceVersion() == crd.resourceVersion()) {
                next.put(crd.name(), before);
                continue;
            }
            changed = true;
            try {
                next.put(crd.name(), new Built(crd.resourceVersion(), versionsOf(crd.body())));
            } catch (RuntimeException e) {
                log.warn("not serving the custom resources of {}: {}", crd.name(), e.toString());
                next.put(crd.name(), new Built(crd.resourceVersion(), List.of()));
            }
        }
        if (!changed && next.size() == built.size()) {
            return;
        }
        built = next;
        List<CustomResourceVersion> versions = new ArrayList<>();
        new TreeMap<>(next).values().forEach(b -> versions.addAll(b.versions()));
        registry.useCustom(versions, terminating);
    }

    /** What one stored definition (at a resourceVersion) serves. */
    private record Built(long resourceVersion, List<CustomResourceVersion> versions) {
    }

    /** The served versions of one definition, the preferred version (kube's version priority) first. */
    static List<CustomResourceVersion> versionsOf(JsonNode crd) {
        JsonNode spec = crd.path("spec");
        JsonNode names = spec.path("names");
        String group = spec.path("group").asString("");
        String plural = names.path("plural").asString("");
        String kind = names.path("kind").asString("");
        if (group.isEmpty() || plural.isEmpty() || kind.isEmpty()) {
            return List.of();
        }
        String singular = names.path("singular").asString(kind.toLowerCase(java.util.Locale.ROOT));
        String listKind = names.path("listKind").asString(kind + "List");
        boolean namespaced = !"Cluster".equals(spec.path("scope").asString("Namespaced"));
        List<String> shortNames = strings(names.path("shortNames"));
        List<String> categories = strings(names.path("categories"));
        String storageVersion = null;
        for (JsonNode v : spec.path("versions")) {
            if (v.path("storage").asBoolean(false)) {
                storageVersion = v.path("name").asString("");
            }
        }
        if (storageVersion == null) {
            return List.of();
        }
        List<JsonNode> served = new ArrayList<>();
        for (JsonNode v : spec.path("versions")) {
            if (v.path("served").asBoolean(false)) {
                served.add(v);
            }
        }
        served.sort(Comparator.comparing((JsonNode v) -> v.path("name").asString(""), KubeVersions.PREFERRED_FIRST));
        List<CustomResourceVersion> result = new ArrayList<>();
        String name = crd.path("metadata").path("name").asString("");
        for (JsonNode v : served) {
            String version = v.path("name").asString("");
            JsonNode subresources = v.path("subresources");
            List<ResourceType.Subresource> subs = new ArrayList<>();
            if (subresources.has("status")) {
                subs.add(new ResourceType.Subresource("status", "", "", kind, List.of("get", "patch", "update")));
            }
            JsonNode scale = subresources.get("scale");
            if (scale != null && scale.isObject()) {
                subs.add(new ResourceType.Subresource("scale", "autoscaling", "v1", "Scale", List.of("get", "patch", "update")));
            }
            ResourceType type = new ResourceType(group, version, plural, kind, singular, namespaced, shortNames, categories,
                    subs, GenericKubernetesResource.class, group, storageVersion, true);
            JsonNode schema = v.path("schema").get("openAPIV3Schema");
            List<JsonNode> columns = new ArrayList<>();
            v.path("additionalPrinterColumns").forEach(columns::add);
            result.add(new CustomResourceVersion(type, schema, columns, scale != null && scale.isObject() ? scale : null,
                    listKind, name, spec.get("conversion")));
        }
        return result;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString("")));
        return List.copyOf(out);
    }
}
