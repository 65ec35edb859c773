package io.kubelite.gateway.authn;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpHeaders;

/**
 * The request-header identity a backend trusts (kube-apiserver's requestheader authenticator):
 * {@code X-Remote-User}, {@code X-Remote-Uid}, one {@code X-Remote-Group} per group, one
 * {@code X-Remote-Extra-<key>} per value of an extra field (the key percent-encoded, so
 * {@code authentication.kubernetes.io/pod-name} travels as {@code authentication.kubernetes.io%2fpod-name}). Any
 * {@code X-Remote-*} header a client sent is removed first, so identities cannot be forged.
 */
public final class IdentityHeaders {

    public static final String USER = "X-Remote-User";
    public static final String UID = "X-Remote-Uid";
    public static final String GROUP = "X-Remote-Group";
    public static final String EXTRA_PREFIX = "X-Remote-Extra-";
    private static final String PREFIX = "x-remote-";

    private IdentityHeaders() {
    }

    static void stripAll(HttpHeaders headers) {
        List<String> forged = headers.headerNames().stream()
                .filter(name -> name.toLowerCase(Locale.ROOT).startsWith(PREFIX))
                .toList();
        forged.forEach(headers::remove);
    }

    static void set(HttpHeaders headers, UserInfo user) {
        headers.set(USER, user.name());
        if (!user.uid().isEmpty()) {
            headers.set(UID, user.uid());
        }
        user.groups().forEach(group -> headers.add(GROUP, group));
        if (!user.equals(UserInfo.ANONYMOUS) && !user.groups().contains(UserInfo.AUTHENTICATED_GROUP)) {
            headers.add(GROUP, UserInfo.AUTHENTICATED_GROUP);
        }
        user.extra().forEach((key, values) -> values.forEach(v ->
                headers.add(EXTRA_PREFIX + URLEncoder.encode(key, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT), v)));
    }
}
