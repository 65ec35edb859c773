package io.kubelite.objectstore.policy;

import io.kubelite.objectstore.admission.RequestNamespace;
import io.kubelite.objectstore.resource.ResourceRegistry;
import io.kubelite.objectstore.resource.ResourceType;
import io.kubelite.objectstore.storage.ObjectStore;
import io.kubelite.objectstore.storage.StoredObject;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parameter objects a binding's {@code paramRef} names for one request, found as
 * kube-apiserver finds them: of the policy's {@code paramKind}, by {@code name} or by
 * {@code selector}, in {@code paramRef.namespace} or — for a namespaced kind without one — in the
 * request's namespace. Example: {@code paramKind: {apiVersion: v1, kind: ConfigMap}} with
 * {@code paramRef: {name: limits}} reads the ConfigMap {@code limits} of the namespace written to;
 * a request for a cluster-scoped object then has no namespace to look in, which is a
 * configuration error.
 */
final class PolicyParams {

    /** A binding that cannot be applied as written; the message is what the client reads. */
    static final class ConfigurationError extends Exception {
        ConfigurationError(String message) {
            super(message);
        }
    }

    private final ObjectStore store;
    private final ResourceRegistry registry;

    PolicyParams(ObjectStore store, ResourceRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    /**
     * The parameter objects; a single null when the policy takes none; empty when none is found
     * and the binding says {@code parameterNotFoundAction: Allow}.
     */
    List<JsonNode> collect(CompiledPolicy policy, JsonNode binding, PolicyRequest request) throws ConfigurationError {
        if (policy.paramKind() == null || policy.paramKind().isNull()) {
            List<JsonNode> none = new ArrayList<>();
            none.add(null);
            return none;
        }
        JsonNode ref = binding.path("spec").get("paramRef");
        if (ref == null || ref.isNull()) {
            throw new ConfigurationError("failed to configure binding: paramRef is required when paramKind is set");
        }
        String apiVersion = policy.paramKind().path("apiVersion").asString("");
        String kind = policy.paramKind().path("kind").asString("");
        Optional<ResourceType> type = registry.findByKind(apiVersion, kind);
        if (type.isEmpty()) {
            throw new ConfigurationError("failed to configure policy: failed to find resource referenced by paramKind: '"
                    + apiVersion + ", Kind=" + kind + "'");
        }
        String namespace = "";
        if (type.get().namespaced()) {
            namespace = ref.path("namespace").asString("");
            if (namespace.isEmpty()) {
                namespace = request.namespace();
            }
            if (namespace.isEmpty()) {
                throw new ConfigurationError("failed to configure binding: cannot use namespaced paramRef in policy binding "
                        + "that matches cluster-scoped resources");
            }
        }
        String storage = registry.storageType(type.get()).storageResource();
        List<JsonNode> found = new ArrayList<>();
        String name = ref.path("name").asString("");
        if (!name.isEmpty()) {
            store.get(storage, namespace, name).ifPresent(o -> found.add(o.body()));
        } else {
            var selector = MatchResources.selector(ref.path("selector"));
            List<StoredObject> candidates = type.get().namespaced() ? store.items(storage, namespace) : store.all(storage);
            for (StoredObject o : candidates) {
                if (selector.matches(RequestNamespace.labels(o.body()))) {
                    found.add(o.body());
                }
            }
        }
        if (found.isEmpty() && "Deny".equals(ref.path("parameterNotFoundAction").asString(""))) {
            throw new ConfigurationError("failed to configure binding: no params found for policy binding with `Deny` "
                    + "parameterNotFoundAction");
        }
        return found;
    }
}
