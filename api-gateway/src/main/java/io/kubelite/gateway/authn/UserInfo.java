package io.kubelite.gateway.authn;

import java.util.List;

/** Who a request comes from, as kube-apiserver's {@code user.Info}: name, uid and groups. */
public record UserInfo(String name, String uid, List<String> groups) {

    /** Every authenticated user is also in this group, as Kubernetes adds it. */
    static final String AUTHENTICATED_GROUP = "system:authenticated";

    public UserInfo {
        groups = List.copyOf(groups);
    }
}
