package io.kubelite.objectstore.rest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A resource path split into its parts, e.g.
 * {@code /apis/apps/v1/namespaces/default/deployments/web/scale} →
 * group {@code apps}, version {@code v1}, namespace {@code default}, resource {@code deployments},
 * name {@code web}, subresource {@code scale}. {@code /api/v1/namespaces/dev} is the namespace
 * {@code dev} itself (resource {@code namespaces}); {@code /api/v1/namespaces/dev/pods} is the pods in it.
 * Below the {@code proxy} subresource the path is the proxied one's ({@code …/services/web/proxy/a/b}).
 */
public record ApiPath(String group, String version, String namespace, String resource, String name,
                      String subresource) {

    /** Parses a path below {@code /api} or {@code /apis}; empty when it names no resource. */
    public static Optional<ApiPath> parse(String path) {
        List<String> parts = new ArrayList<>(Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList());
        String group;
        String version;
        if (parts.size() >= 2 && parts.get(0).equals("api")) {
            group = "";
            version = parts.get(1);
            parts = parts.subList(2, parts.size());
        } else if (parts.size() >= 3 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            version = parts.get(2);
            parts = parts.subList(3, parts.size());
        } else {
            return Optional.empty();
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        String namespace = null;
        boolean namespaceSubresource = parts.size() == 3 && parts.get(0).equals("namespaces")
                && (parts.get(2).equals("status") || parts.get(2).equals("finalize"));
        if (parts.get(0).equals("namespaces") && parts.size() >= 3 && !namespaceSubresource) {
            namespace = parts.get(1);
            parts = parts.subList(2, parts.size());
        }
        if (parts.size() > 3 && !parts.get(2).equals("proxy")) {
            return Optional.empty();
        }
        String resource = parts.get(0);
        String name = parts.size() > 1 ? parts.get(1) : null;
        String sub = parts.size() > 2 ? parts.get(2) : null;
        return Optional.of(new ApiPath(group, version, namespace, resource, name, sub));
    }
}
