package io.kubelite.objectstore.authorization;

import io.kubelite.objectstore.rest.ApiPath;

import java.util.Locale;
import java.util.Optional;

/**
 * What a request asks to do, in the terms RBAC rules name (kube-apiserver's {@code RequestInfo}):
 * a verb on a resource (group, resource, subresource, namespace, name) or on a non-resource path.
 *
 * @param resourceRequest false for paths such as {@code /version}, {@code /apis} or {@code /openapi/v3}
 * @param namespace "" for cluster-scoped objects and requests across all namespaces
 * @param name "" when the request names no object (list, create, deletecollection)
 */
public record RequestAttributes(String verb, boolean resourceRequest, String apiGroup, String resource,
                                String subresource, String namespace, String name, String path) {

    public static RequestAttributes resource(String verb, String apiGroup, String resource, String subresource,
                                             String namespace, String name) {
        return new RequestAttributes(verb, true, apiGroup, resource, subresource == null ? "" : subresource,
                namespace == null ? "" : namespace, name == null ? "" : name, "");
    }

    public static RequestAttributes nonResource(String verb, String path) {
        return new RequestAttributes(verb, false, "", "", "", "", "", path);
    }

    /**
     * The attributes of an HTTP request: GET is get, list or watch ({@code ?watch=true}), DELETE of
     * a collection is deletecollection; {@code exec}, {@code attach} and {@code portforward} are
     * create whatever the method (kubectl opens them with a WebSocket GET, and Kubernetes asks for
     * create permission on them either way). A namespace's own path is in that namespace.
     */
    public static RequestAttributes of(String method, String path, String watchParam) {
        Optional<ApiPath> parsed = ApiPath.parse(path);
        String httpVerb = method.toLowerCase(Locale.ROOT);
        if (parsed.isEmpty()) {
            return nonResource(httpVerb.equals("head") ? "get" : httpVerb, path);
        }
        ApiPath p = parsed.get();
        boolean named = p.name() != null;
        String verb = switch (httpVerb) {
            case "get", "head" -> isTrue(watchParam) ? "watch" : named ? "get" : "list";
            case "post" -> "create";
            case "put" -> "update";
            case "patch" -> "patch";
            case "delete" -> named ? "delete" : "deletecollection";
            default -> httpVerb;
        };
        String sub = p.subresource();
        if (sub != null && (sub.equals("exec") || sub.equals("attach") || sub.equals("portforward"))) {
            verb = "create";
        }
        String namespace = p.resource().equals("namespaces") && named ? p.name() : p.namespace();
        return resource(verb, p.group(), p.resource(), sub, namespace, p.name());
    }

    private static boolean isTrue(String v) {
        return v != null && (v.equals("true") || v.equals("1"));
    }

    /** The resource as rules name it: {@code pods} or {@code pods/log}. */
    String qualifiedResource() {
        return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }
}
