package io.kubelite.machinery.validation;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A URL split as Go's {@code net/url.Parse} splits it, keeping the parts webhook validation
 * judges. Go's parser is lenient where {@link java.net.URI} is strict and the reverse, and kube
 * reports its exact error text, so it is followed here step by step:
 *
 * <ol>
 *   <li>everything after the first {@code #} is the fragment, percent-decoded;</li>
 *   <li>a control character anywhere before it is an error;</li>
 *   <li>a scheme is letters, then letters, digits, {@code + - .}, ended by {@code :}, and is
 *       lower-cased ({@code HTTPS://hook.example.com} has scheme {@code https}); a leading digit
 *       means there is none, a leading {@code :} is an error;</li>
 *   <li>everything after the first {@code ?} is the raw query, except that a single trailing
 *       {@code ?} only forces an empty query;</li>
 *   <li>with a scheme and no leading {@code /} the rest is opaque and has no host
 *       ({@code https:hook.example.com}); without a scheme, a colon in the first segment is an
 *       error;</li>
 *   <li>{@code //} starts the authority up to the next {@code /}: user information up to the last
 *       {@code @}, then the host, whose {@code :port} must be digits;</li>
 *   <li>percent escapes in the path must be well formed; they are otherwise left alone.</li>
 * </ol>
 *
 * @param scheme   lower case, empty when there is none
 * @param host     percent-decoded, with the port; empty when there is no authority
 * @param user     the user information as Go's {@code Userinfo.String()} prints it, re-escaped
 *                 ({@code admin:s3cret}); null when the URL has no {@code @} in its authority
 * @param fragment percent-decoded
 * @param rawQuery as written
 */
record GoUrl(String scheme, String host, String user, String fragment, String rawQuery) {

    /** A URL Go refuses, with Go's message: {@code parse "https://a b": invalid character " " in host name}. */
    static final class InvalidUrlException extends Exception {
        InvalidUrlException(String message) {
            super(message);
        }
    }

    /** A step's failure before the {@code parse "<url>": } prefix is added. */
    private static final class Failure extends Exception {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private enum Mode { HOST, ZONE, PATH, USER_PASSWORD, FRAGMENT }

    private static final String HEX = "0123456789ABCDEF";

    static GoUrl parse(String rawUrl) throws InvalidUrlException {
        int hash = rawUrl.indexOf('#');
        String beforeFragment = hash < 0 ? rawUrl : rawUrl.substring(0, hash);
        GoUrl url;
        try {
            url = parseWithoutFragment(beforeFragment);
        } catch (Failure f) {
            throw new InvalidUrlException("parse " + GoValues.quote(beforeFragment) + ": " + f.getMessage());
        }
        if (hash < 0 || hash == rawUrl.length() - 1) {
            return url;
        }
        try {
            String fragment = unescape(rawUrl.substring(hash + 1), Mode.FRAGMENT);
            return new GoUrl(url.scheme, url.host, url.user, fragment, url.rawQuery);
        } catch (Failure f) {
            throw new InvalidUrlException("parse " + GoValues.quote(rawUrl) + ": " + f.getMessage());
        }
    }

    private static GoUrl parseWithoutFragment(String raw) throws Failure {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new Failure("net/url: invalid control character in URL");
            }
        }
        int schemeEnd = schemeEnd(raw);
        String scheme = schemeEnd < 0 ? "" : raw.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        String rest = schemeEnd < 0 ? raw : raw.substring(schemeEnd + 1);
        String rawQuery = "";
        if (rest.endsWith("?") && rest.indexOf('?') == rest.length() - 1) {
            rest = rest.substring(0, rest.length() - 1);
        } else if (rest.indexOf('?') >= 0) {
            rawQuery = rest.substring(rest.indexOf('?') + 1);
            rest = rest.substring(0, rest.indexOf('?'));
        }
        if (!rest.startsWith("/")) {
            if (!scheme.isEmpty()) {
                return new GoUrl(scheme, "", null, "", rawQuery);
            }
            int slash = rest.indexOf('/');
            if ((slash < 0 ? rest : rest.substring(0, slash)).contains(":")) {
                throw new Failure("first path segment in URL cannot contain colon");
            }
        }
        String host = "";
        String user = null;
        if ((!scheme.isEmpty() || !rest.startsWith("///")) && rest.startsWith("//")) {
            String authority = rest.substring(2);
            int slash = authority.indexOf('/');
            rest = slash < 0 ? "" : authority.substring(slash);
            authority = slash < 0 ? authority : authority.substring(0, slash);
            int at = authority.lastIndexOf('@');
            host = host(authority.substring(at + 1));
            if (at >= 0) {
                user = user(authority.substring(0, at));
            }
        }
        unescape(rest, Mode.PATH);
        return new GoUrl(scheme, host, user, "", rawQuery);
    }

    /** Where the scheme's {@code :} is, or -1 when the URL has no scheme. */
    private static int schemeEnd(String raw) throws Failure {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (isAsciiLetter(c)) {
                continue;
            }
            if (isDigit(c) || c == '+' || c == '-' || c == '.') {
                if (i == 0) {
                    return -1;
                }
                continue;
            }
            if (c == ':') {
                if (i == 0) {
                    throw new Failure("missing protocol scheme");
                }
                return i;
            }
            return -1;
        }
        return -1;
    }

    /**
     * The host with its port: an IP literal in brackets may carry a zone after {@code %25}
     * ({@code [fe80::1%25eth0]:8443}); any {@code :port} must be digits, and a host name may
     * percent-escape only non-ASCII bytes ({@code %41} for {@code A} is refused).
     */
    private static String host(String host) throws Failure {
        if (host.startsWith("[")) {
            int close = host.lastIndexOf(']');
            if (close < 0) {
                throw new Failure("missing ']' in host");
            }
            checkPort(host.substring(close + 1));
            int zone = host.substring(0, close).indexOf("%25");
            if (zone >= 0) {
                return unescape(host.substring(0, zone), Mode.HOST) + unescape(host.substring(zone, close), Mode.ZONE)
                        + unescape(host.substring(close), Mode.HOST);
            }
        } else if (host.lastIndexOf(':') >= 0) {
            checkPort(host.substring(host.lastIndexOf(':')));
        }
        return unescape(host, Mode.HOST);
    }

    private static void checkPort(String colonPort) throws Failure {
        boolean valid = colonPort.isEmpty() || colonPort.charAt(0) == ':' && colonPort.chars().skip(1).allMatch(GoUrl::isDigit);
        if (!valid) {
            throw new Failure("invalid port " + GoValues.quote(colonPort) + " after host");
        }
    }

    /** {@code user} or {@code user:password}, decoded and then escaped again as Go prints it. */
    private static String user(String userinfo) throws Failure {
        for (int i = 0; i < userinfo.length(); i++) {
            char c = userinfo.charAt(i);
            if (!isAsciiLetter(c) && !isDigit(c) && "-._:~!$&'()*+,;=%@".indexOf(c) < 0) {
                throw new Failure("net/url: invalid userinfo");
            }
        }
        int colon = userinfo.indexOf(':');
        if (colon < 0) {
            return escapeUserPassword(unescape(userinfo, Mode.USER_PASSWORD));
        }
        String username = unescape(userinfo.substring(0, colon), Mode.USER_PASSWORD);
        String password = unescape(userinfo.substring(colon + 1), Mode.USER_PASSWORD);
        return escapeUserPassword(username) + ":" + escapeUserPassword(password);
    }

    /**
     * Go's {@code unescape}: every {@code %} must start two hex digits, reported as the three
     * characters found ({@code invalid URL escape "%zz"}); a host may not escape ASCII except
     * {@code %25}, nor contain characters a host name cannot.
     */
    private static String unescape(String s, Mode mode) throws Failure {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; ) {
            int b = bytes[i] & 0xff;
            if (b == '%') {
                if (i + 2 >= bytes.length || !isHex(bytes[i + 1]) || !isHex(bytes[i + 2])) {
                    throw new Failure("invalid URL escape " + GoValues.quote(text(bytes, i, Math.min(i + 3, bytes.length))));
                }
                int value = Character.digit(bytes[i + 1], 16) << 4 | Character.digit(bytes[i + 2], 16);
                String escape = text(bytes, i, i + 3);
                if (mode == Mode.HOST && Character.digit(bytes[i + 1], 16) < 8 && !escape.equals("%25")) {
                    throw new Failure("invalid URL escape " + GoValues.quote(escape));
                }
                if (mode == Mode.ZONE && !escape.equals("%25") && value != ' ' && shouldEscape(value, Mode.HOST)) {
                    throw new Failure("invalid URL escape " + GoValues.quote(escape));
                }
                out.write(value);
                i += 3;
                continue;
            }
            if ((mode == Mode.HOST || mode == Mode.ZONE) && b < 0x80 && shouldEscape(b, mode)) {
                throw new Failure("invalid character " + GoValues.quote(String.valueOf((char) b)) + " in host name");
            }
            out.write(b);
            i++;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String escapeUserPassword(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte raw : s.getBytes(StandardCharsets.UTF_8)) {
            int b = raw & 0xff;
            if (shouldEscape(b, Mode.USER_PASSWORD)) {
                sb.append('%').append(HEX.charAt(b >> 4)).append(HEX.charAt(b & 0xf));
            } else {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }

    /** Go's {@code shouldEscape} for the modes used here (RFC 3986 sections 2.2, 2.3 and 3.2). */
    private static boolean shouldEscape(int c, Mode mode) {
        if (c < 0x80 && (isAsciiLetter((char) c) || isDigit(c))) {
            return false;
        }
        if ((mode == Mode.HOST || mode == Mode.ZONE) && "!$&'()*+,;=:[]<>\"".indexOf(c) >= 0) {
            return false;
        }
        if ("-_.~".indexOf(c) >= 0) {
            return false;
        }
        if ("$&+,/:;=?@".indexOf(c) >= 0) {
            return switch (mode) {
                case PATH -> c == '?';
                case USER_PASSWORD -> c == '@' || c == '/' || c == '?' || c == ':';
                case FRAGMENT -> false;
                default -> true;
            };
        }
        return !(mode == Mode.FRAGMENT && "!()*".indexOf(c) >= 0);
    }

    private static String text(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }

    /** An ASCII hex digit; a negative byte is part of a multi-byte character and is not. */
    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
