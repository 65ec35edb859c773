package io.kubelite.machinery.status;

/**
 * kube-apiserver's wording for a request its authorizer denied, so that every component that
 * authorizes (the API server, the metrics API) says it alike:
 * {@code pods "web" is forbidden: User "jane" cannot get resource "pods" in API group "" in the namespace "dev"},
 * or {@code forbidden: User "jane" cannot get path "/metrics"}.
 */
public final class ForbiddenMessage {

    private ForbiddenMessage() {
    }

    /**
     * @param subresource "" for none
     * @param namespace "" for cluster-scoped requests
     * @param name "" for requests naming no object
     */
    public static String resource(String user, String verb, String group, String resource, String subresource,
                                  String namespace, String name) {
        String qualified = group.isEmpty() ? resource : resource + "." + group;
        String subject = name.isEmpty() ? qualified : qualified + " \"" + name + "\"";
        String scope = namespace.isEmpty() ? "at the cluster scope" : "in the namespace \"" + namespace + "\"";
        return subject + " is forbidden: User \"" + user + "\" cannot " + verb + " resource \""
                + (subresource.isEmpty() ? resource : resource + "/" + subresource) + "\" in API group \"" + group
                + "\" " + scope;
    }

    public static String path(String user, String verb, String path) {
        return "forbidden: User \"" + user + "\" cannot " + verb + " path \"" + path + "\"";
    }
}
