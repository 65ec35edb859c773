package io.kubelite.gateway.authn;

import java.util.List;
import java.util.Map;

/**
 * Who a request comes from, as kube-apiserver's {@code user.Info}: name, uid, groups and extra
 * fields (a service account token's {@code authentication.kubernetes.io/pod-name}, …).
 */
public record UserInfo(String name, String uid, List<String> groups, Map<String, List<String>> extra) {

    /** Every authenticated user is also in this group, as Kubernetes adds it. */
    static final String AUTHENTICATED_GROUP = "system:authenticated";

    /**
     * Whom a request without credentials acts as where {@link AccessPolicy} lets it in: kube-apiserver's
     * anonymous user, in {@code system:unauthenticated} only, which the API server's RBAC lets read
     * {@code /version}, the health checks and the OpenAPI documents, and nothing else.
     */
    static final UserInfo ANONYMOUS = new UserInfo("system:anonymous", "", List.of("system:unauthenticated"));

    public UserInfo {
        groups = List.copyOf(groups);
        extra = Map.copyOf(extra);
    }

    public UserInfo(String name, String uid, List<String> groups) {
        this(name, uid, groups, Map.of());
    }
}
