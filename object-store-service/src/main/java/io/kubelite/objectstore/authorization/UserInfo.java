package io.kubelite.objectstore.authorization;

import jakarta.servlet.http.HttpServletRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who a request comes from, as the gateway authenticated it and passed it on in the
 * request-header form kube-apiserver trusts from its front proxy: {@code X-Remote-User},
 * {@code X-Remote-Uid}, one {@code X-Remote-Group} per group.
 */
public record UserInfo(String name, String uid, List<String> groups, Map<String, List<String>> extra) {

    static final String USER = "X-Remote-User";
    static final String UID = "X-Remote-Uid";
    static final String GROUP = "X-Remote-Group";
    /** One header per value of an extra field, the key percent-encoded after the prefix. */
    static final String EXTRA_PREFIX = "x-remote-extra-";
    public static final String EXTRA_CREDENTIAL_ID = "authentication.kubernetes.io/credential-id";
    public static final String EXTRA_POD_NAME = "authentication.kubernetes.io/pod-name";
    public static final String EXTRA_POD_UID = "authentication.kubernetes.io/pod-uid";
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
        extra = Map.copyOf(extra);
    }

    public UserInfo(String name, String uid, List<String> groups) {
        this(name, uid, groups, Map.of());
    }

    /** Where {@link AuthorizationFilter} leaves the user a request acts as, after impersonation. */
    static final String ATTRIBUTE = UserInfo.class.getName();

    /** The user the request being served on this thread acts as; {@link #INTERNAL} outside a request. */
    public static UserInfo current() {
        if (org.springframework.web.context.request.RequestContextHolder.getRequestAttributes()
                instanceof org.springframework.web.context.request.ServletRequestAttributes attributes) {
            return of(attributes.getRequest());
        }
        return INTERNAL;
    }

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
        Map<String, List<String>> extra = new TreeMap<>();
        for (String header : Collections.list(request.getHeaderNames())) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith(EXTRA_PREFIX) && lower.length() > EXTRA_PREFIX.length()) {
                String key = URLDecoder.decode(lower.substring(EXTRA_PREFIX.length()), StandardCharsets.UTF_8);
                extra.computeIfAbsent(key, k -> new ArrayList<>()).addAll(Collections.list(request.getHeaders(header)));
            }
        }
        return new UserInfo(name, uid == null ? "" : uid, Collections.list(request.getHeaders(GROUP)), extra);
    }

    /** The first value of an extra field, or "". */
    String extraValue(String key) {
        List<String> values = extra.getOrDefault(key, List.of());
        return values.isEmpty() ? "" : values.get(0);
    }

    boolean isSuperuser() {
        return groups.contains(MASTERS);
    }
}
