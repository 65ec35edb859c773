package io.kubelite.objectstore.authorization;

import jakarta.servlet.http.HttpServletRequest;

import java.util.Collections;
import java.util.List;

/**
 * Who a request comes from, as the gateway authenticated it and passed it on in the
 * request-header form kube-apiserver trusts from its front proxy: {@code X-Remote-User},
 * {@code X-Remote-Uid}, one {@code X-Remote-Group} per group.
 */
public record UserInfo(String name, String uid, List<String> groups) {

    static final String USER = "X-Remote-User";
    static final String UID = "X-Remote-Uid";
    static final String GROUP = "X-Remote-Group";
    /** The group whose members may do anything, checked before any rule (Kubernetes' privileged group). */
    static final String MASTERS = "system:masters";

    /**
     * Whom a request without identity headers acts as: one made to the API server's own port, not
     * through the gateway, by a process of the cluster's own machine or network (kube-apiserver's
     * loopback client is this user, in {@code system:masters}).
     */
    static final UserInfo INTERNAL = new UserInfo("system:apiserver", "", List.of(MASTERS, "system:authenticated"));

    public UserInfo {
        groups = List.copyOf(groups);
    }

    /** Where {@link AuthorizationFilter} leaves the user a request acts as, after impersonation. */
    static final String ATTRIBUTE = UserInfo.class.getName();

    /**
     * The user the request acts as: the impersonated one when it impersonates, else the one the
     * gateway authenticated; {@link #INTERNAL} when the request did not come through the gateway.
     */
    public static UserInfo of(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof UserInfo effective) {
            return effective;
        }
        return authenticated(request);
    }

    /** The user the gateway authenticated, before any impersonation. */
    static UserInfo authenticated(HttpServletRequest request) {
        String name = request.getHeader(USER);
        if (name == null || name.isEmpty()) {
            return INTERNAL;
        }
        String uid = request.getHeader(UID);
        return new UserInfo(name, uid == null ? "" : uid, Collections.list(request.getHeaders(GROUP)));
    }

    boolean isSuperuser() {
        return groups.contains(MASTERS);
    }
}
