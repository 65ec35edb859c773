package io.kubelite.objectstore.cel;

import dev.cel.common.types.OpaqueType;
import io.kubelite.machinery.validation.GoValues;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A URL as Go's {@code net/url} splits it: the CEL value {@code kubernetes.URL}. Two URLs are
 * equal when all their parts are, which is kube's test (their {@code String()} forms are equal)
 * for any URL written the usual way.
 *
 * <p>{@code https://user:pw@[::1]:8443/a%20b?k=1&k=2#top} has scheme {@code https}, host
 * {@code [::1]:8443} (hostname {@code ::1}, port {@code 8443}), path {@code /a b} (escaped
 * {@code /a%20b}), query {@code k=1&k=2} ({@code {k: [1, 2]}}) and fragment {@code top}.
 * With a scheme and no leading slash the rest is opaque ({@code mailto:a@example.com}).
 *
 * @param user    the user information as written, null when the authority has no {@code @}
 * @param rawPath the path as written when escaping the decoded path would not give it back
 */
record Url(String scheme, String opaque, String user, String host, String path, String rawPath,
           boolean forceQuery, String rawQuery, String fragment) {

    static final OpaqueType TYPE = OpaqueType.create("kubernetes.URL");

    /** A string Go's parser refuses, with Go's message: {@code parse "https://a:b:c/": invalid port ":c" after host}. */
    static final class InvalidUrl extends Exception {
        InvalidUrl(String message) {
            super(message, null, false, false);
        }
    }

    /** Go's {@code url.Parse}: any URL reference, absolute or relative, with a fragment after {@code #}. */
    static Url parse(String raw) throws InvalidUrl {
        int hash = raw.indexOf('#');
        String beforeFragment = hash < 0 ? raw : raw.substring(0, hash);
        Url url;
        try {
            url = parse(beforeFragment, false);
        } catch (InvalidUrl e) {
            throw new InvalidUrl("parse " + GoValues.quote(beforeFragment) + ": " + e.getMessage());
        }
        if (hash < 0 || hash == raw.length() - 1) {
            return url;
        }
        try {
            String fragment = unescape(PercentEncoding.FRAGMENT, raw.substring(hash + 1));
            return new Url(url.scheme, url.opaque, url.user, url.host, url.path, url.rawPath, url.forceQuery,
                    url.rawQuery, fragment);
        } catch (InvalidUrl e) {
            throw new InvalidUrl("parse " + GoValues.quote(raw) + ": " + e.getMessage());
        }
    }

    /**
     * Go's {@code url.ParseRequestURI}: an absolute URL ({@code https://example.com/a}) or an
     * absolute path ({@code /a}); {@code a/b} fails with {@code invalid URI for request}. There
     * is no fragment: a {@code #} is part of the path or query.
     */
    static Url parseRequestUri(String raw) throws InvalidUrl {
        try {
            return parse(raw, true);
        } catch (InvalidUrl e) {
            throw new InvalidUrl("parse " + GoValues.quote(raw) + ": " + e.getMessage());
        }
    }

    /** The host without the port and without the brackets of an IPv6 literal: {@code ::1}. */
    String hostname() {
        return splitHostPort()[0];
    }

    /** The port after the host, empty when there is none. */
    String port() {
        return splitHostPort()[1];
    }

    /** The path escaped as it would be written: the original spelling when it is a valid one. */
    String escapedPath() {
        if (!rawPath.isEmpty() && PercentEncoding.PATH.isValidEncoded(rawPath)) {
            try {
                if (PercentEncoding.PATH.unescape(rawPath).equals(path)) {
                    return rawPath;
                }
            } catch (PercentEncoding.InvalidEscape e) {
                // fall through to escaping the decoded path
            }
        }
        return path.equals("*") ? "*" : PercentEncoding.PATH.escape(path);
    }

    /**
     * The query as Go's {@code Query()} reads it: each key with its values in order, keys and
     * values unescaped ({@code +} is a space); a pair with a {@code ;} or a bad escape is skipped.
     */
    Map<String, List<String>> query() {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty() || pair.contains(";")) {
                continue;
            }
            int equals = pair.indexOf('=');
            try {
                String key = PercentEncoding.QUERY_COMPONENT.unescape(equals < 0 ? pair : pair.substring(0, equals));
                String value = PercentEncoding.QUERY_COMPONENT.unescape(equals < 0 ? "" : pair.substring(equals + 1));
                values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            } catch (PercentEncoding.InvalidEscape e) {
                // Go skips the pair and reports the error only from ParseQuery
            }
        }
        return values;
    }

    private String[] splitHostPort() {
        String hostname = host;
        String port = "";
        int colon = hostname.lastIndexOf(':');
        if (colon >= 0 && isPort(hostname.substring(colon))) {
            port = hostname.substring(colon + 1);
            hostname = hostname.substring(0, colon);
        }
        if (hostname.startsWith("[") && hostname.endsWith("]")) {
            hostname = hostname.substring(1, hostname.length() - 1);
        }
        return new String[] {hostname, port};
    }

    private static Url parse(String raw, boolean viaRequest) throws InvalidUrl {
        if (raw.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new InvalidUrl("net/url: invalid control character in URL");
        }
        if (raw.isEmpty() && viaRequest) {
            throw new InvalidUrl("empty url");
        }
        if (raw.equals("*")) {
            return new Url("", "", null, "", "*", "", false, "", "");
        }
        int schemeEnd = schemeEnd(raw);
        String scheme = schemeEnd < 0 ? "" : raw.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        String rest = schemeEnd < 0 ? raw : raw.substring(schemeEnd + 1);
        boolean forceQuery = rest.endsWith("?") && rest.indexOf('?') == rest.length() - 1;
        String rawQuery = "";
        if (forceQuery) {
            rest = rest.substring(0, rest.length() - 1);
        } else if (rest.indexOf('?') >= 0) {
            rawQuery = rest.substring(rest.indexOf('?') + 1);
            rest = rest.substring(0, rest.indexOf('?'));
        }
        if (!rest.startsWith("/")) {
            if (!scheme.isEmpty()) {
                return new Url(scheme, rest, null, "", "", "", forceQuery, rawQuery, "");
            }
            if (viaRequest) {
                throw new InvalidUrl("invalid URI for request");
            }
            int slash = rest.indexOf('/');
            if ((slash < 0 ? rest : rest.substring(0, slash)).contains(":")) {
                throw new InvalidUrl("first path segment in URL cannot contain colon");
            }
        }
        String user = null;
        String host = "";
        if ((!scheme.isEmpty() || !viaRequest && !rest.startsWith("///")) && rest.startsWith("//")) {
            String authority = rest.substring(2);
            int slash = authority.indexOf('/');
            rest = slash < 0 ? "" : authority.substring(slash);
            authority = slash < 0 ? authority : authority.substring(0, slash);
            int at = authority.lastIndexOf('@');
            host = host(authority.substring(at + 1));
            if (at >= 0) {
                user = checkUser(authority.substring(0, at));
            }
        }
        String path = unescape(PercentEncoding.PATH, rest);
        String rawPath = PercentEncoding.PATH.escape(path).equals(rest) ? "" : rest;
        return new Url(scheme, "", user, host, path, rawPath, forceQuery, rawQuery, "");
    }

    /** Where the scheme's {@code :} is, or -1 when there is no scheme (a leading digit, or no colon first). */
    private static int schemeEnd(String raw) throws InvalidUrl {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
                continue;
            }
            if (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
                if (i == 0) {
                    return -1;
                }
                continue;
            }
            if (c == ':' && i == 0) {
                throw new InvalidUrl("missing protocol scheme");
            }
            return c == ':' ? i : -1;
        }
        return -1;
    }

    /** The host and port: an IPv6 literal in brackets may carry a zone after {@code %25}; a port is digits. */
    private static String host(String host) throws InvalidUrl {
        if (host.startsWith("[")) {
            int close = host.lastIndexOf(']');
            if (close < 0) {
                throw new InvalidUrl("missing ']' in host");
            }
            checkPort(host.substring(close + 1));
            int zone = host.substring(0, close).indexOf("%25");
            if (zone >= 0) {
                return unescape(PercentEncoding.HOST, host.substring(0, zone))
                        + unescape(PercentEncoding.ZONE, host.substring(zone, close))
                        + unescape(PercentEncoding.HOST, host.substring(close));
            }
        } else if (host.lastIndexOf(':') >= 0) {
            checkPort(host.substring(host.lastIndexOf(':')));
        }
        return unescape(PercentEncoding.HOST, host);
    }

    private static void checkPort(String colonPort) throws InvalidUrl {
        if (!colonPort.isEmpty() && !isPort(colonPort)) {
            throw new InvalidUrl("invalid port " + GoValues.quote(colonPort) + " after host");
        }
    }

    private static boolean isPort(String colonPort) {
        return colonPort.startsWith(":") && colonPort.chars().skip(1).allMatch(c -> c >= '0' && c <= '9');
    }

    private static String checkUser(String userinfo) throws InvalidUrl {
        boolean valid = userinfo.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9' || "-._:~!$&'()*+,;=%@".indexOf(c) >= 0);
        if (!valid) {
            throw new InvalidUrl("net/url: invalid userinfo");
        }
        int colon = userinfo.indexOf(':');
        unescape(PercentEncoding.USER_PASSWORD, colon < 0 ? userinfo : userinfo.substring(0, colon));
        if (colon >= 0) {
            unescape(PercentEncoding.USER_PASSWORD, userinfo.substring(colon + 1));
        }
        return userinfo;
    }

    private static String unescape(PercentEncoding part, String s) throws InvalidUrl {
        try {
            return part.unescape(s);
        } catch (PercentEncoding.InvalidEscape e) {
            throw new InvalidUrl(e.getMessage());
        }
    }
}
