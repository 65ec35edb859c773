package io.kubelite.objectstore.cel;

import io.kubelite.machinery.validation.GoValues;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Go's {@code net/url} percent-encoding: which bytes each part of a URL must escape, and the
 * checks unescaping makes. Each part allows different characters unescaped: a path keeps
 * {@code /:@&=+$}, a query component escapes them all, a host may escape only non-ASCII bytes
 * (and {@code %25}), so {@code http://%41.example} is refused with {@code invalid URL escape "%41"}.
 */
enum PercentEncoding {
    PATH, HOST, ZONE, USER_PASSWORD, QUERY_COMPONENT, FRAGMENT;

    private static final String HEX = "0123456789ABCDEF";

    /** A malformed escape or a character a host cannot hold, with Go's message. */
    static final class InvalidEscape extends Exception {
        InvalidEscape(String message) {
            super(message, null, false, false);
        }
    }

    String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (byte raw : s.getBytes(StandardCharsets.UTF_8)) {
            int c = raw & 0xff;
            if (c == ' ' && this == QUERY_COMPONENT) {
                out.append('+');
            } else if (shouldEscape(c)) {
                out.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }

    String unescape(String s) throws InvalidEscape {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < bytes.length; ) {
            int c = bytes[i] & 0xff;
            if (c == '%') {
                if (i + 2 >= bytes.length || hex(bytes[i + 1]) < 0 || hex(bytes[i + 2]) < 0) {
                    throw invalidEscape(text(bytes, i, Math.min(i + 3, bytes.length)));
                }
                int value = hex(bytes[i + 1]) << 4 | hex(bytes[i + 2]);
                String escape = text(bytes, i, i + 3);
                if (this == HOST && hex(bytes[i + 1]) < 8 && !escape.equals("%25")) {
                    throw invalidEscape(escape);
                }
                if (this == ZONE && !escape.equals("%25") && value != ' ' && HOST.shouldEscape(value)) {
                    throw invalidEscape(escape);
                }
                out.write(value);
                i += 3;
            } else {
                if ((this == HOST || this == ZONE) && c < 0x80 && shouldEscape(c)) {
                    throw new InvalidEscape("invalid character " + GoValues.quote(String.valueOf((char) c)) + " in host name");
                }
                out.write(c == '+' && this == QUERY_COMPONENT ? ' ' : c);
                i++;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Whether {@code s} is already escaped well enough for this part (Go's {@code validEncoded}). */
    boolean isValidEncoded(String s) {
        for (byte raw : s.getBytes(StandardCharsets.UTF_8)) {
            int c = raw & 0xff;
            if ("!$&'()*+,;=:@[]%".indexOf(c) < 0 && shouldEscape(c)) {
                return false;
            }
        }
        return true;
    }

    /** Go's {@code shouldEscape} (RFC 3986 sections 2.2, 2.3, 3.2, 3.3, 3.4, 4.1). */
    boolean shouldEscape(int c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return false;
        }
        if ((this == HOST || this == ZONE) && "!$&'()*+,;=:[]<>\"".indexOf(c) >= 0) {
            return false;
        }
        if ("-_.~".indexOf(c) >= 0) {
            return false;
        }
        if ("$&+,/:;=?@".indexOf(c) >= 0) {
            return switch (this) {
                case PATH -> c == '?';
                case USER_PASSWORD -> c == '@' || c == '/' || c == '?' || c == ':';
                case QUERY_COMPONENT -> true;
                case FRAGMENT -> false;
                case HOST, ZONE -> true;
            };
        }
        return !(this == FRAGMENT && "!()*".indexOf(c) >= 0);
    }

    private static InvalidEscape invalidEscape(String escape) {
        return new InvalidEscape("invalid URL escape " + GoValues.quote(escape));
    }

    private static int hex(byte b) {
        return b < 0 ? -1 : Character.digit(b, 16);
    }

    private static String text(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }
}
