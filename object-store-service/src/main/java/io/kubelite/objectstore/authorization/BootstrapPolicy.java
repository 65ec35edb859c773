package io.kubelite.objectstore.authorization;

import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.resource.ResourceRegistry;
import io.kubelite.objectstore.resource.ResourceType;
import io.kubelite.objectstore.rest.ResourceService;
import io.kubelite.objectstore.rest.Scope;
import io.kubelite.objectstore.rest.SystemWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The roles and bindings every cluster starts with, as kube-apiserver's RBAC bootstrap makes them
 * (labelled {@code kubernetes.io/bootstrapping: rbac-defaults}): {@code cluster-admin} for the
 * {@code system:masters} group; {@code admin}, {@code edit} and {@code view} to bind users and
 * service accounts to (aggregated roles, with their {@code system:aggregate-to-*} parts);
 * discovery, health and self-review for every authenticated user; {@code /version}, health and
 * (kubelite's {@code kubelite:api-docs-viewer}, for Swagger UI) the OpenAPI documents for the
 * anonymous user too; and
 * {@code kubelite:components}, which gives kubelite's own controllers and node agents (the
 * identities in {@code tokens.csv}) {@code cluster-admin}. Each is created when missing (a deleted
 * one comes back at the next start) and otherwise reconciled ({@link #reconciled}).
 */
@Component
@Order(2)
class BootstrapPolicy implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapPolicy.class);
    static final String RBAC = "rbac.authorization.k8s.io";
    static final String AUTOUPDATE = "rbac.authorization.kubernetes.io/autoupdate";
    static final List<String> READ = List.of("get", "list", "watch");
    static final List<String> WRITE = List.of("create", "delete", "deletecollection", "patch", "update");
    static final String API_DOCS_VIEWER = "kubelite:api-docs-viewer";
    static final List<String> COMPONENT_USERS = Stream.of("scheduler", "replication", "autoscaler", "dns")
            .map(c -> "system:serviceaccount:kube-system:" + c).toList();

    private final ResourceService resources;
    private final ResourceRegistry registry;
    private final JsonMapper json;

    BootstrapPolicy(ResourceService resources, ResourceRegistry registry, JsonMapper json) {
        this.resources = resources;
        this.registry = registry;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) {
        ResourceType clusterRoles = registry.find(RBAC, "v1", "clusterroles").orElseThrow();
        ResourceType bindings = registry.find(RBAC, "v1", "clusterrolebindings").orElseThrow();
        for (ObjectNode role : clusterRoles()) {
            createIfMissing(clusterRoles, role);
        }
        for (ObjectNode binding : clusterRoleBindings()) {
            createIfMissing(bindings, binding);
        }
    }

    private void createIfMissing(ResourceType type, ObjectNode object) {
        String name = object.path("metadata").path("name").asString();
        try {
            resources.create(type, null, object, SystemWrites.options());
            log.info("created {} {}", type.kind(), name);
        } catch (ApiException e) {
            if (e.code() != 409) {
                throw e;
            }
            resources.modify(type, null, name, existing -> reconciled(existing, object), SystemWrites.options(),
                    Scope.OBJECT);
        }
    }

    /**
     * An existing default role or binding brought up to this version's, as kube-apiserver
     * reconciles them at start (unless annotated {@code rbac.authorization.kubernetes.io/autoupdate:
     * "false"}): missing rules, labels, the aggregation rule and missing subjects are added, nothing
     * is taken away; an unchanged object is not written.
     */
    static ObjectNode reconciled(ObjectNode existing, ObjectNode bootstrap) {
        if (existing.path("metadata").path("annotations").path(AUTOUPDATE).asString("true").equals("false")) {
            return existing;
        }
        ObjectNode labels = existing.withObject("/metadata").withObject("/labels");
        bootstrap.path("metadata").path("labels").properties().forEach(e -> labels.set(e.getKey(), e.getValue()));
        if (bootstrap.has("aggregationRule") && !existing.has("aggregationRule")) {
            existing.set("aggregationRule", bootstrap.get("aggregationRule").deepCopy());
        }
        for (String list : List.of("rules", "subjects")) {
            if (!bootstrap.has(list)) {
                continue;
            }
            ArrayNode held = existing.withArray("/" + list);
            for (JsonNode item : bootstrap.get(list)) {
                if (!held.valueStream().toList().contains(item)) {
                    held.add(item.deepCopy());
                }
            }
        }
        return existing;
    }

    List<ObjectNode> clusterRoles() {
        List<ObjectNode> roles = new ArrayList<>();
        ObjectNode admin = role("cluster-admin");
        rule(admin, List.of("*"), List.of("*"), List.of("*"));
        nonResourceRule(admin, List.of("*"), List.of("*"));
        roles.add(admin);

        ObjectNode discovery = role("system:discovery");
        nonResourceRule(discovery, List.of("get"), List.of("/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez",
                "/openapi", "/openapi/*", "/readyz", "/version", "/version/"));
        roles.add(discovery);

        ObjectNode publicInfo = role("system:public-info-viewer");
        nonResourceRule(publicInfo, List.of("get"), List.of("/healthz", "/livez", "/readyz", "/version", "/version/"));
        roles.add(publicInfo);

        // the OpenAPI documents, which the gateway's Swagger UI reads without a token
        ObjectNode apiDocs = role(API_DOCS_VIEWER);
        nonResourceRule(apiDocs, List.of("get"), List.of("/openapi", "/openapi/*"));
        roles.add(apiDocs);

        // what a scraper's identity is bound to so that it may read the metrics and the health checks
        ObjectNode monitoring = role("system:monitoring");
        nonResourceRule(monitoring, List.of("get"), List.of("/healthz", "/healthz/*", "/livez", "/livez/*", "/metrics",
                "/metrics/slis", "/readyz", "/readyz/*"));
        roles.add(monitoring);

        ObjectNode basicUser = role("system:basic-user");
        rule(basicUser, List.of("authorization.k8s.io"), List.of("selfsubjectaccessreviews", "selfsubjectrulesreviews"),
                List.of("create"));
        rule(basicUser, List.of("authentication.k8s.io"), List.of("selfsubjectreviews"), List.of("create"));
        roles.add(basicUser);

        // what a webhook or an aggregated server is bound to so that it may ask who a token is and what it may do
        ObjectNode authDelegator = role("system:auth-delegator");
        rule(authDelegator, List.of("authentication.k8s.io"), List.of("tokenreviews"), List.of("create"));
        rule(authDelegator, List.of("authorization.k8s.io"), List.of("subjectaccessreviews"), List.of("create"));
        roles.add(authDelegator);

        roles.addAll(aggregatedRoles());
        return roles;
    }

    static final String AGGREGATE_TO = "rbac.authorization.k8s.io/aggregate-to-";

    /**
     * {@code view}, {@code edit} and {@code admin} as Kubernetes makes them: each aggregates the
     * ClusterRoles labelled {@code rbac.authorization.k8s.io/aggregate-to-<name>: "true"} (its
     * {@code system:aggregate-to-<name>} role with the rules proper to it, and anyone's role
     * labelled so), view is labelled to aggregate into edit and edit into admin. Their rules are
     * filled in here as replication-service's aggregation controller keeps them (the union, in
     * name order), so they work before that controller first runs.
     */
    private List<ObjectNode> aggregatedRoles() {
        ObjectNode toView = role("system:aggregate-to-view");
        label(toView, AGGREGATE_TO + "view");
        readableRules(toView);
        ObjectNode toEdit = role("system:aggregate-to-edit");
        label(toEdit, AGGREGATE_TO + "edit");
        editRules(toEdit);
        ObjectNode toAdmin = role("system:aggregate-to-admin");
        label(toAdmin, AGGREGATE_TO + "admin");
        rule(toAdmin, List.of(RBAC), List.of("roles", "rolebindings"), concat(READ, WRITE));
        rule(toAdmin, List.of("authorization.k8s.io"), List.of("localsubjectaccessreviews"), List.of("create"));

        // what metrics-server installs, so that view, edit and admin may read the metrics API (kubectl top)
        ObjectNode metricsReader = role("system:aggregated-metrics-reader");
        label(metricsReader, AGGREGATE_TO + "view");
        label(metricsReader, AGGREGATE_TO + "edit");
        label(metricsReader, AGGREGATE_TO + "admin");
        rule(metricsReader, List.of("metrics.k8s.io"), List.of("pods", "nodes"), READ);

        ObjectNode view = aggregating("view", List.of(toView, metricsReader));
        label(view, AGGREGATE_TO + "edit");
        ObjectNode edit = aggregating("edit", List.of(toEdit, metricsReader, view));
        label(edit, AGGREGATE_TO + "admin");
        ObjectNode admin = aggregating("admin", List.of(edit, toAdmin, metricsReader));
        return List.of(toView, toEdit, toAdmin, metricsReader, view, edit, admin);
    }

    /** A role aggregating those labelled for it, holding their rules (given in name order), each once. */
    private ObjectNode aggregating(String name, List<ObjectNode> sources) {
        ObjectNode role = role(name);
        role.putObject("aggregationRule").putArray("clusterRoleSelectors").addObject().putObject("matchLabels")
                .put(AGGREGATE_TO + name, "true");
        ArrayNode rules = (ArrayNode) role.get("rules");
        for (ObjectNode source : sources) {
            for (JsonNode rule : source.get("rules")) {
                if (!rules.valueStream().toList().contains(rule)) {
                    rules.add(rule.deepCopy());
                }
            }
        }
        return role;
    }

    private static void label(ObjectNode role, String key) {
        ((ObjectNode) role.get("metadata").get("labels")).put(key, "true");
    }

    /** Read access to a namespace's workloads and configuration, not to its Secrets or roles. */
    private static void readableRules(ObjectNode role) {
        rule(role, List.of(""), List.of("pods", "pods/log", "pods/status", "replicationcontrollers",
                "replicationcontrollers/scale", "replicationcontrollers/status", "services", "services/status",
                "endpoints", "configmaps", "serviceaccounts", "events", "limitranges", "resourcequotas",
                "resourcequotas/status", "persistentvolumeclaims", "persistentvolumeclaims/status", "namespaces",
                "namespaces/status", "bindings"), READ);
        rule(role, List.of("apps"), List.of("controllerrevisions"), READ);
        rule(role, List.of("apps", "extensions"), List.of("deployments", "deployments/scale", "deployments/status",
                "replicasets", "replicasets/scale", "replicasets/status", "daemonsets", "daemonsets/status",
                "statefulsets", "statefulsets/scale", "statefulsets/status"), READ);
        rule(role, List.of("batch"), List.of("jobs", "jobs/status", "cronjobs", "cronjobs/status"), READ);
        rule(role, List.of("autoscaling"), List.of("horizontalpodautoscalers", "horizontalpodautoscalers/status"), READ);
        rule(role, List.of("coordination.k8s.io"), List.of("leases"), READ);
        rule(role, List.of("networking.k8s.io"), List.of("ingresses", "ingresses/status"), READ);
        rule(role, List.of("discovery.k8s.io"), List.of("endpointslices"), READ);
        rule(role, List.of("policy"), List.of("poddisruptionbudgets", "poddisruptionbudgets/status"), READ);
    }

    /** Secrets, and writes to the workloads, their pods and the namespace's configuration. */
    private static void editRules(ObjectNode role) {
        rule(role, List.of(""), List.of("secrets"), READ);
        rule(role, List.of(""), List.of("pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy",
                "pods/eviction", "replicationcontrollers", "replicationcontrollers/scale", "services", "services/proxy",
                "endpoints", "configmaps",
                "secrets", "serviceaccounts", "persistentvolumeclaims"), WRITE);
        rule(role, List.of(""), List.of("serviceaccounts/token"), List.of("create"));
        rule(role, List.of("apps", "extensions"), List.of("deployments", "deployments/scale", "replicasets",
                "replicasets/scale", "daemonsets", "statefulsets", "statefulsets/scale"), WRITE);
        rule(role, List.of("batch"), List.of("jobs", "cronjobs"), WRITE);
        rule(role, List.of("autoscaling"), List.of("horizontalpodautoscalers"), WRITE);
        rule(role, List.of("networking.k8s.io"), List.of("ingresses"), WRITE);
        rule(role, List.of("policy"), List.of("poddisruptionbudgets"), WRITE);
    }

    List<ObjectNode> clusterRoleBindings() {
        return List.of(
                binding("cluster-admin", "cluster-admin", List.of(), List.of(UserInfo.MASTERS)),
                binding("system:discovery", "system:discovery", List.of(), List.of("system:authenticated")),
                binding("system:basic-user", "system:basic-user", List.of(), List.of("system:authenticated")),
                binding("system:monitoring", "system:monitoring", List.of(), List.of("system:monitoring")),
                binding("system:public-info-viewer", "system:public-info-viewer", List.of(),
                        List.of("system:authenticated", "system:unauthenticated")),
                binding(API_DOCS_VIEWER, API_DOCS_VIEWER, List.of(), List.of("system:unauthenticated")),
                binding("kubelite:components", "cluster-admin", COMPONENT_USERS, List.of("system:nodes")));
    }

    private ObjectNode role(String name) {
        ObjectNode role = object("ClusterRole", name);
        role.putArray("rules");
        return role;
    }

    private ObjectNode binding(String name, String clusterRole, List<String> users, List<String> groups) {
        ObjectNode binding = object("ClusterRoleBinding", name);
        binding.putObject("roleRef").put("apiGroup", RBAC).put("kind", "ClusterRole").put("name", clusterRole);
        ArrayNode subjects = binding.putArray("subjects");
        users.forEach(u -> subjects.addObject().put("apiGroup", RBAC).put("kind", "User").put("name", u));
        groups.forEach(g -> subjects.addObject().put("apiGroup", RBAC).put("kind", "Group").put("name", g));
        return binding;
    }

    private ObjectNode object(String kind, String name) {
        ObjectNode o = json.createObjectNode();
        o.put("apiVersion", RBAC + "/v1");
        o.put("kind", kind);
        ObjectNode metadata = o.putObject("metadata");
        metadata.put("name", name);
        metadata.putObject("labels").put("kubernetes.io/bootstrapping", "rbac-defaults");
        metadata.putObject("annotations").put(AUTOUPDATE, "true");
        return o;
    }

    private static void rule(ObjectNode role, List<String> groups, List<String> resources, List<String> verbs) {
        ObjectNode rule = ((ArrayNode) role.get("rules")).addObject();
        groups.forEach(rule.putArray("apiGroups")::add);
        resources.forEach(rule.putArray("resources")::add);
        verbs.forEach(rule.putArray("verbs")::add);
    }

    private static void nonResourceRule(ObjectNode role, List<String> verbs, List<String> urls) {
        ObjectNode rule = ((ArrayNode) role.get("rules")).addObject();
        urls.forEach(rule.putArray("nonResourceURLs")::add);
        verbs.forEach(rule.putArray("verbs")::add);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
