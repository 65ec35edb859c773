package io.kubelite.objectstore.discovery;

import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.resource.ResourceRegistry;
import io.kubelite.objectstore.resource.ResourceType;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /version} and API discovery, aggregated ({@code apidiscovery.k8s.io/v2}, one round trip)
 * when the client asks for it, legacy ({@code APIVersions}, {@code APIGroupList},
 * {@code APIResourceList}) otherwise.
 */
@RestController
public class DiscoveryEndpoint {

    static final String AGGREGATED = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    private final ResourceRegistry registry;
    private final JsonMapper json;

    public DiscoveryEndpoint(ResourceRegistry registry, JsonMapper json) {
        this.registry = registry;
        this.json = json;
    }

    @GetMapping("/version")
    public ObjectNode version() {
        ServerVersion current = ServerVersion.CURRENT;
        ObjectNode v = json.createObjectNode();
        v.put("major", current.major());
        v.put("minor", current.minor());
        v.put("gitVersion", current.gitVersion());
        v.put("gitCommit", current.gitCommit());
        v.put("gitTreeState", current.gitTreeState());
        v.put("buildDate", current.buildDate());
        v.put("goVersion", current.goVersion());
        v.put("compiler", current.compiler());
        v.put("platform", current.platform());
        return v;
    }

    /**
     * A resource served but not stored here, listed in discovery as kube-apiserver lists it: the
     * create-only review APIs ({@code AccessReviewEndpoint}), the read-only APIServices
     * ({@link ApiServiceEndpoint}), and the resource metrics API, which
     * autoscaler-service serves (the gateway sends {@code /apis/metrics.k8s.io} there) and which
     * kube-apiserver lists as an aggregated API's group, so that {@code kubectl top} finds it.
     */
    record Virtual(String group, String version, String resource, String kind, boolean namespaced,
                   List<String> verbs) {
    }

    static final List<Virtual> VIRTUAL = List.of(
            new Virtual("authentication.k8s.io", "v1", "selfsubjectreviews", "SelfSubjectReview", false, List.of("create")),
            new Virtual("authentication.k8s.io", "v1", "tokenreviews", "TokenReview", false, List.of("create")),
            new Virtual("authorization.k8s.io", "v1", "localsubjectaccessreviews", "LocalSubjectAccessReview", true,
                    List.of("create")),
            new Virtual("authorization.k8s.io", "v1", "selfsubjectaccessreviews", "SelfSubjectAccessReview", false,
                    List.of("create")),
            new Virtual("authorization.k8s.io", "v1", "selfsubjectrulesreviews", "SelfSubjectRulesReview", false,
                    List.of("create")),
            new Virtual("authorization.k8s.io", "v1", "subjectaccessreviews", "SubjectAccessReview", false,
                    List.of("create")),
            new Virtual("apiregistration.k8s.io", "v1", "apiservices", "APIService", false, List.of("get", "list")),
            new Virtual("metrics.k8s.io", "v1beta1", "nodes", "NodeMetrics", false, List.of("get", "list")),
            new Virtual("metrics.k8s.io", "v1beta1", "pods", "PodMetrics", true, List.of("get", "list")));

    @GetMapping("/api")
    public ResponseEntity<JsonNode> api(@RequestHeader(value = "Accept", required = false) String accept) {
        if (wantsAggregated(accept)) {
            return aggregated(List.of(""));
        }
        ObjectNode versions = json.createObjectNode();
        versions.put("kind", "APIVersions");
        versions.putArray("versions").add("v1");
        ObjectNode cidr = versions.putArray("serverAddressByClientCIDRs").addObject();
        cidr.put("clientCIDR", "0.0.0.0/0");
        cidr.put("serverAddress", "127.0.0.1:6443");
        return ok(versions, MediaType.APPLICATION_JSON_VALUE);
    }

    @GetMapping("/apis")
    public ResponseEntity<JsonNode> apis(@RequestHeader(value = "Accept", required = false) String accept) {
        if (wantsAggregated(accept)) {
            return aggregated(groups());
        }
        ObjectNode list = json.createObjectNode();
        list.put("kind", "APIGroupList");
        list.put("apiVersion", "v1");
        ArrayNode items = list.putArray("groups");
        for (String group : groups()) {
            items.add(apiGroup(group));
        }
        for (String group : virtualGroups()) {
            items.add(virtualGroup(group));
        }
        return ok(list, MediaType.APPLICATION_JSON_VALUE);
    }

    @GetMapping("/apis/{group}")
    public ObjectNode group(@PathVariable String group) {
        if (virtualGroups().contains(group)) {
            return virtualGroup(group);
        }
        if (!groups().contains(group)) {
            throw ApiException.noSuchResource();
        }
        return apiGroup(group);
    }

    @GetMapping("/api/{version}")
    public ObjectNode coreResources(@PathVariable String version) {
        return resourceList("", version);
    }

    @GetMapping("/apis/{group}/{version}")
    public ObjectNode groupResources(@PathVariable String group, @PathVariable String version) {
        List<Virtual> virtual = VIRTUAL.stream().filter(r -> r.group().equals(group) && r.version().equals(version))
                .toList();
        if (!virtual.isEmpty()) {
            ObjectNode list = json.createObjectNode();
            list.put("kind", "APIResourceList");
            list.put("apiVersion", "v1");
            list.put("groupVersion", group + "/" + version);
            ArrayNode resources = list.putArray("resources");
            for (Virtual r : virtual) {
                ObjectNode o = resources.addObject();
                o.put("name", r.resource());
                o.put("singularName", r.kind().toLowerCase());
                o.put("namespaced", r.namespaced());
                o.put("kind", r.kind());
                strings(o.putArray("verbs"), r.verbs());
            }
            return list;
        }
        return resourceList(group, version);
    }

    private static List<String> virtualGroups() {
        return VIRTUAL.stream().map(Virtual::group).distinct().toList();
    }

    /** A virtual group's single version. */
    private static String virtualVersion(String group) {
        return VIRTUAL.stream().filter(r -> r.group().equals(group)).findFirst().orElseThrow().version();
    }

    private ObjectNode virtualGroup(String group) {
        String gv = group + "/" + virtualVersion(group);
        ObjectNode g = json.createObjectNode();
        g.put("kind", "APIGroup");
        g.put("apiVersion", "v1");
        g.put("name", group);
        g.putArray("versions").addObject().put("groupVersion", gv).put("version", virtualVersion(group));
        g.putObject("preferredVersion").put("groupVersion", gv).put("version", virtualVersion(group));
        return g;
    }

    /** A virtual group in the aggregated form. */
    private ObjectNode aggregatedVirtualGroup(String group) {
        ObjectNode item = json.createObjectNode();
        item.putObject("metadata").put("name", group);
        ObjectNode v = item.putArray("versions").addObject();
        v.put("version", virtualVersion(group));
        v.put("freshness", "Current");
        ArrayNode resources = v.putArray("resources");
        for (Virtual r : VIRTUAL) {
            if (r.group().equals(group)) {
                ObjectNode o = resources.addObject();
                o.put("resource", r.resource());
                o.putObject("responseKind").put("group", group).put("version", r.version()).put("kind", r.kind());
                o.put("scope", r.namespaced() ? "Namespaced" : "Cluster");
                if (r.verbs().contains("create")) {
                    o.put("singularResource", r.kind().toLowerCase());
                }
                strings(o.putArray("verbs"), r.verbs());
            }
        }
        return item;
    }

    private static boolean wantsAggregated(String accept) {
        return accept != null && accept.contains("as=APIGroupDiscoveryList") && accept.contains("v=v2");
    }

    /** Named groups in registration order (the core group is served at /api). */
    private List<String> groups() {
        return registry.all().stream().filter(ResourceType::servedInDiscovery).map(ResourceType::group)
                .filter(g -> !g.isEmpty()).distinct().toList();
    }

    /** Versions of a group in preference order. */
    private Map<String, List<ResourceType>> versions(String group) {
        Map<String, List<ResourceType>> versions = new LinkedHashMap<>();
        for (ResourceType t : registry.all()) {
            if (t.servedInDiscovery() && t.group().equals(group)) {
                versions.computeIfAbsent(t.version(), v -> new java.util.ArrayList<>()).add(t);
            }
        }
        return versions;
    }

    private ObjectNode apiGroup(String group) {
        ObjectNode g = json.createObjectNode();
        g.put("kind", "APIGroup");
        g.put("apiVersion", "v1");
        g.put("name", group);
        ArrayNode versions = g.putArray("versions");
        String preferred = null;
        for (String v : versions(group).keySet()) {
            versions.addObject().put("groupVersion", group + "/" + v).put("version", v);
            if (preferred == null) {
                preferred = v;
            }
        }
        g.putObject("preferredVersion").put("groupVersion", group + "/" + preferred).put("version", preferred);
        return g;
    }

    private ResponseEntity<JsonNode> aggregated(List<String> groups) {
        ObjectNode list = json.createObjectNode();
        list.put("kind", "APIGroupDiscoveryList");
        list.put("apiVersion", "apidiscovery.k8s.io/v2");
        list.putObject("metadata");
        ArrayNode items = list.putArray("items");
        for (String group : groups) {
            ObjectNode item = items.addObject();
            item.putObject("metadata").put("name", group);
            ArrayNode versions = item.putArray("versions");
            versions(group).forEach((version, types) -> {
                ObjectNode v = versions.addObject();
                v.put("version", version);
                v.put("freshness", "Current");
                ArrayNode resources = v.putArray("resources");
                for (ResourceType t : types) {
                    resources.add(aggregatedResource(t));
                }
                if (group.isEmpty() && "v1".equals(version)) {
                    resources.add(componentStatuses());
                }
            });
        }
        if (groups.size() > 1 || !groups.contains("")) {
            virtualGroups().forEach(g -> items.add(aggregatedVirtualGroup(g)));
        }
        return ok(list, AGGREGATED);
    }

    /**
     * The read-only {@code componentstatuses} of the core group ({@code ComponentStatusEndpoint}),
     * listed as kube-apiserver lists it, so {@code kubectl get cs} finds it.
     */
    private ObjectNode componentStatuses() {
        ObjectNode r = json.createObjectNode();
        r.put("resource", "componentstatuses");
        r.putObject("responseKind").put("group", "").put("version", "v1").put("kind", "ComponentStatus");
        r.put("scope", "Cluster");
        r.put("singularResource", "componentstatus");
        strings(r.putArray("verbs"), List.of("get", "list"));
        strings(r.putArray("shortNames"), List.of("cs"));
        return r;
    }

    private ObjectNode aggregatedResource(ResourceType t) {
        ObjectNode r = json.createObjectNode();
        r.put("resource", t.resource());
        r.putObject("responseKind").put("group", t.group()).put("version", t.version()).put("kind", t.kind());
        r.put("scope", t.namespaced() ? "Namespaced" : "Cluster");
        r.put("singularResource", t.singular());
        strings(r.putArray("verbs"), ResourceType.ALL_VERBS);
        if (!t.shortNames().isEmpty()) {
            strings(r.putArray("shortNames"), t.shortNames());
        }
        if (!t.categories().isEmpty()) {
            strings(r.putArray("categories"), t.categories());
        }
        if (!t.subresources().isEmpty()) {
            ArrayNode subs = r.putArray("subresources");
            for (ResourceType.Subresource s : t.subresources()) {
                ObjectNode sub = subs.addObject();
                sub.put("subresource", s.name());
                sub.putObject("responseKind").put("group", s.group().isEmpty() && s.version().isEmpty() ? t.group() : s.group())
                        .put("version", s.version().isEmpty() ? t.version() : s.version()).put("kind", s.kind());
                strings(sub.putArray("verbs"), s.verbs());
            }
        }
        return r;
    }

    private ObjectNode resourceList(String group, String version) {
        List<ResourceType> types = versions(group).get(version);
        if (types == null) {
            throw ApiException.noSuchResource();
        }
        ObjectNode list = json.createObjectNode();
        list.put("kind", "APIResourceList");
        list.put("apiVersion", "v1");
        list.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        ArrayNode resources = list.putArray("resources");
        for (ResourceType t : types) {
            ObjectNode r = resources.addObject();
            r.put("name", t.resource());
            r.put("singularName", t.singular());
            r.put("namespaced", t.namespaced());
            r.put("kind", t.kind());
            strings(r.putArray("verbs"), ResourceType.ALL_VERBS);
            if (!t.shortNames().isEmpty()) {
                strings(r.putArray("shortNames"), t.shortNames());
            }
            if (!t.categories().isEmpty()) {
                strings(r.putArray("categories"), t.categories());
            }
            for (ResourceType.Subresource s : t.subresources()) {
                ObjectNode sub = resources.addObject();
                sub.put("name", t.resource() + "/" + s.name());
                sub.put("singularName", "");
                sub.put("namespaced", t.namespaced());
                if (!s.group().isEmpty() || !s.version().isEmpty()) {
                    sub.put("group", s.group());
                    sub.put("version", s.version());
                }
                sub.put("kind", s.kind());
                strings(sub.putArray("verbs"), s.verbs());
            }
        }
        if (group.isEmpty() && "v1".equals(version)) {
            ObjectNode cs = resources.addObject();
            cs.put("name", "componentstatuses");
            cs.put("singularName", "componentstatus");
            cs.put("namespaced", false);
            cs.put("kind", "ComponentStatus");
            strings(cs.putArray("verbs"), List.of("get", "list"));
            strings(cs.putArray("shortNames"), List.of("cs"));
        }
        return list;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static ResponseEntity<JsonNode> ok(JsonNode body, String contentType) {
        return ResponseEntity.ok().header("Content-Type", contentType).body(body);
    }
}
