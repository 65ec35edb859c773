package io.kubelite.objectstore.discovery;

import io.kubelite.machinery.table.TableBuilder;
import io.kubelite.machinery.table.TablePrinters;
import io.kubelite.objectstore.crd.CustomResourceDefinitions;
import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.health.ComponentStatusProperties;
import io.kubelite.objectstore.health.HealthProbe;
import io.kubelite.objectstore.resource.ResourceRegistry;
import io.kubelite.objectstore.storage.ObjectStore;
import io.kubelite.objectstore.storage.StoredObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code apiregistration.k8s.io/v1} {@code apiservices}, read only: {@code kubectl get apiservices}
 * lists what the API serves ({@link ApiServices}), and {@code kubectl get apiservice
 * v1beta1.metrics.k8s.io} says whether {@code kubectl top} can work — the first thing
 * troubleshooting guides have one check. kubelite aggregates no API server but its own metrics
 * API, so creating, changing or deleting an APIService is refused with 405 and a message that
 * says so (a manifest such as metrics-server's applies everything but its APIService).
 */
@RestController
class ApiServiceEndpoint {

    static final String PATH = "/apis/apiregistration.k8s.io/v1/apiservices";

    private record Probe(String problem, Instant since) {
    }

    private final ResourceRegistry registry;
    private final ObjectStore store;
    private final HealthProbe probe;
    private final ComponentStatusProperties components;
    private final Clock clock;
    private final ApiServices apiServices;
    private final JsonMapper json;
    private final AtomicReference<Probe> lastProbe = new AtomicReference<>();

    ApiServiceEndpoint(ResourceRegistry registry, ObjectStore store, HealthProbe probe,
                       ComponentStatusProperties components, Clock clock, JsonMapper json) {
        this.registry = registry;
        this.store = store;
        this.probe = probe;
        this.components = components;
        this.clock = clock;
        this.apiServices = new ApiServices(json);
        this.json = json;
    }

    @GetMapping(PATH)
    ResponseEntity<JsonNode> list(@RequestHeader(value = "Accept", required = false) String accept,
                                  @RequestParam(required = false) String includeObject,
                                  @RequestParam(required = false) String watch) {
        if ("true".equals(watch) || "1".equals(watch)) {
            throw ApiException.methodNotAllowed("watch is not served on apiservices here: they change only when a "
                    + "CustomResourceDefinition comes or goes, or the metrics API's health does; list them again");
        }
        List<ObjectNode> items = current();
        if (wantsTable(accept)) {
            return ResponseEntity.ok(table(items, includeObject));
        }
        ObjectNode list = json.createObjectNode();
        list.put("kind", "APIServiceList");
        list.put("apiVersion", "apiregistration.k8s.io/v1");
        list.putObject("metadata");
        list.putArray("items").addAll(items);
        return ResponseEntity.ok(list);
    }

    @GetMapping(PATH + "/{name}")
    ResponseEntity<JsonNode> get(@PathVariable String name,
                                 @RequestHeader(value = "Accept", required = false) String accept,
                                 @RequestParam(required = false) String includeObject) {
        ObjectNode found = current().stream().filter(o -> name.equals(o.path("metadata").path("name").asString("")))
                .findFirst().orElseThrow(() -> ApiException.notFound("apiregistration.k8s.io", "apiservices", name));
        return ResponseEntity.ok(wantsTable(accept) ? table(List.of(found), includeObject) : found);
    }

    @RequestMapping(value = {PATH, PATH + "/{name}", PATH + "/{name}/status"},
            method = {RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE})
    void write() {
        throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource: "
                + "kubelite serves the metrics API (v1beta1.metrics.k8s.io) itself and aggregates no other API server, "
                + "so its APIServices are read only");
    }

    private List<ObjectNode> current() {
        Instant since = clusterCreated();
        Map<String, Instant> customSince = customGroupsCreated();
        List<ApiServices.Served> served = new ArrayList<>();
        for (String gv : registry.groupVersions()) {
            String group = gv.contains("/") ? gv.substring(0, gv.indexOf('/')) : "";
            boolean custom = customSince.containsKey(group);
            served.add(new ApiServices.Served(gv, custom, custom ? customSince.get(group) : since));
        }
        served.add(new ApiServices.Served("apiregistration.k8s.io/v1", false, since));
        Probe metrics = probeMetrics();
        return apiServices.all(served, since, metrics.problem(), metrics.since());
    }

    /** The metrics API's health, and since when it has been so. */
    private Probe probeMetrics() {
        String problem = probe.problem(components.metricsApi());
        Probe now = new Probe(problem, clock.instant());
        boolean available = problem == null;
        return lastProbe.updateAndGet(last -> last != null && (last.problem() == null) == available
                ? new Probe(problem, last.since()) : now);
    }

    /** When the cluster began: the creation of kube-system, which the API server makes on its first start. */
    private Instant clusterCreated() {
        return store.get("namespaces", "", "kube-system")
                .map(ns -> Instant.parse(ns.body().path("metadata").path("creationTimestamp").asString()))
                .orElseGet(clock::instant);
    }

    /** Each CustomResourceDefinition group, with the creation of its oldest definition. */
    private Map<String, Instant> customGroupsCreated() {
        Map<String, Instant> since = new HashMap<>();
        for (StoredObject crd : store.all(CustomResourceDefinitions.RESOURCE)) {
            String group = crd.body().path("spec").path("group").asString("");
            Instant created = Instant.parse(crd.body().path("metadata").path("creationTimestamp")
                    .asString(clock.instant().toString()));
            since.merge(group, created, (a, b) -> a.isBefore(b) ? a : b);
        }
        return since;
    }

    private static boolean wantsTable(String accept) {
        return accept != null && accept.contains("as=Table");
    }

    private ObjectNode table(List<ObjectNode> items, String includeObject) {
        return TableBuilder.build(new ArrayList<>(items), TablePrinters.forResource("apiregistration.k8s.io", "apiservices"),
                "", "", clock.instant(), TableBuilder.IncludeObject.of(includeObject));
    }
}
