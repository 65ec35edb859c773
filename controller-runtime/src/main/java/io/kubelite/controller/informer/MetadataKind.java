package io.kubelite.controller.informer;

/**
 * A kind an informer caches only the metadata of (client-go's metadata informers, which
 * kube-controller-manager's garbage collector runs for every resource): enough to find owners
 * and dependents without holding a Secret's data or a Service's spec.
 *
 * @param apiVersion the storage version the change events carry, {@code v1} or {@code group/version}
 * @param kind       {@code Secret}
 * @param plural     {@code secrets}
 * @param namespaced whether its objects live in namespaces
 */
public record MetadataKind(String apiVersion, String kind, String plural, boolean namespaced) {

    public String group() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    public String version() {
        return apiVersion.substring(apiVersion.indexOf('/') + 1);
    }

    /** {@code kubelite.v1.secrets}, {@code kubelite.rbac.authorization.k8s.io.v1.roles}: what the relay publishes to. */
    public String topic() {
        return "kubelite." + apiVersion.replace('/', '.') + "." + plural;
    }
}
