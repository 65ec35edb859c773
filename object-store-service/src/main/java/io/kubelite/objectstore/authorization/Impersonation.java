package io.kubelite.objectstore.authorization;

import io.kubelite.objectstore.errors.ApiException;
import jakarta.servlet.http.HttpServletRequest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code kubectl --as=jane --as-group=devs}: the request acts as another user when its own user
 * may {@code impersonate} that user (or service account), each group and the uid, as
 * kube-apiserver's impersonation filter decides it; otherwise it is refused with 403 rather than
 * run as the caller. The impersonated user is authenticated (and, as a service account, in the
 * service account groups) like any other.
 */
final class Impersonation {

    static final String USER = "Impersonate-User";
    static final String GROUP = "Impersonate-Group";
    static final String UID = "Impersonate-Uid";
    static final String EXTRA_PREFIX = "Impersonate-Extra-";
    private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

    private Impersonation() {
    }

    static UserInfo apply(HttpServletRequest request, UserInfo caller, RbacAuthorizer authorizer) {
        String user = request.getHeader(USER);
        List<String> groups = Collections.list(request.getHeaders(GROUP));
        String uid = request.getHeader(UID);
        boolean extras = Collections.list(request.getHeaderNames()).stream()
                .anyMatch(h -> h.regionMatches(true, 0, EXTRA_PREFIX, 0, EXTRA_PREFIX.length()));
        if (user == null || user.isEmpty()) {
            if (!groups.isEmpty() || uid != null || extras) {
                throw ApiException.badRequest("impersonating groups, a uid or extra fields requires impersonating a "
                        + "user too (" + USER + ")");
            }
            return caller;
        }
        if (user.startsWith(SERVICE_ACCOUNT_PREFIX) && user.split(":").length == 4) {
            String[] parts = user.split(":");
            check(caller, RequestAttributes.resource("impersonate", "", "serviceaccounts", "", parts[2], parts[3]),
                    authorizer);
        } else {
            check(caller, RequestAttributes.resource("impersonate", "", "users", "", "", user), authorizer);
        }
        for (String group : groups) {
            check(caller, RequestAttributes.resource("impersonate", "", "groups", "", "", group), authorizer);
        }
        if (uid != null) {
            check(caller, RequestAttributes.resource("impersonate", "authentication.k8s.io", "uids", "", "", uid),
                    authorizer);
        }
        List<String> effectiveGroups = new ArrayList<>(groups);
        if (user.startsWith(SERVICE_ACCOUNT_PREFIX) && user.split(":").length == 4) {
            addIfMissing(effectiveGroups, "system:serviceaccounts");
            addIfMissing(effectiveGroups, "system:serviceaccounts:" + user.split(":")[2]);
        }
        if (!user.equals("system:anonymous")) {
            addIfMissing(effectiveGroups, "system:authenticated");
        }
        return new UserInfo(user, uid == null ? "" : uid, effectiveGroups);
    }

    private static void check(UserInfo caller, RequestAttributes impersonate, RbacAuthorizer authorizer) {
        if (!authorizer.authorize(caller, impersonate).allowed()) {
            throw AuthorizationFilter.forbidden(caller, impersonate);
        }
    }

    private static void addIfMissing(List<String> groups, String group) {
        if (!groups.contains(group)) {
            groups.add(group);
        }
    }
}
