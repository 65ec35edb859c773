package io.kubelite.objectstore.cel;

import dev.cel.common.types.OpaqueType;
import io.kubelite.machinery.validation.GoValues;

import java.util.Arrays;

/**
 * An IPv4 or IPv6 address as Go's {@code net/netip} parses it: the CEL value {@code net.IP}.
 * Only literals are read, never host names, so nothing is ever resolved.
 *
 * <p>Parsing is strict: IPv4 octets have no leading zeros ({@code 010.0.0.1} is refused), an IPv6
 * group has at most four hex digits and {@code ::} stands for at least one zero group. Errors read
 * as Go's: {@code ParseAddr("1.2.3"): IPv4 address too short}. Every address has one canonical
 * spelling: IPv6 in lower case with the longest run of two or more zero groups written
 * {@code ::} ({@code 2001:DB8:0:0:0::1} is {@code 2001:db8::1}).
 *
 * @param bytes four bytes for IPv4, sixteen for IPv6
 * @param zone  the IPv6 zone after {@code %}, empty when there is none
 */
record IpAddress(byte[] bytes, String zone) {

    static final OpaqueType TYPE = OpaqueType.create("net.IP");

    /** A string that is not an address, with Go's message. */
    static final class InvalidAddress extends Exception {
        InvalidAddress(String message) {
            super(message, null, false, false);
        }
    }

    static IpAddress parse(String s) throws InvalidAddress {
        for (int i = 0; i < s.length(); i++) {
            switch (s.charAt(i)) {
                case '.':
                    return new IpAddress(ipv4(s, s, 0), "");
                case ':':
                    return ipv6(s);
                case '%':
                    throw failure(s, "missing IPv6 address", null);
                default:
                    break;
            }
        }
        throw failure(s, "unable to parse IP", null);
    }

    boolean isIpv4() {
        return bytes.length == 4;
    }

    /** {@code ::ffff:1.2.3.4}: an IPv4 address written as IPv6, which kube refuses. */
    boolean isIpv4MappedIpv6() {
        if (bytes.length != 16 || (bytes[10] & 0xff) != 0xff || (bytes[11] & 0xff) != 0xff) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    boolean isUnspecified() {
        return Arrays.equals(bytes, new byte[bytes.length]);
    }

    /** 127.0.0.0/8 or ::1. */
    boolean isLoopback() {
        if (isIpv4()) {
            return (bytes[0] & 0xff) == 127;
        }
        byte[] loopback = new byte[16];
        loopback[15] = 1;
        return Arrays.equals(bytes, loopback);
    }

    /** 224.0.0.0/24, or IPv6 multicast with link-local scope (ff02::/16, any flags). */
    boolean isLinkLocalMulticast() {
        if (isIpv4()) {
            return (bytes[0] & 0xff) == 224 && bytes[1] == 0 && bytes[2] == 0;
        }
        return (bytes[0] & 0xff) == 0xff && (bytes[1] & 0x0f) == 0x02;
    }

    /** 169.254.0.0/16 or fe80::/10. */
    boolean isLinkLocalUnicast() {
        if (isIpv4()) {
            return (bytes[0] & 0xff) == 169 && (bytes[1] & 0xff) == 254;
        }
        return (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xc0) == 0x80;
    }

    /**
     * Go's test, which counts private ranges as global: not unspecified, not the IPv4 broadcast
     * address, not loopback, multicast or link-local unicast.
     */
    boolean isGlobalUnicast() {
        boolean broadcast = isIpv4() && Arrays.equals(bytes, new byte[] {-1, -1, -1, -1});
        boolean multicast = isIpv4() ? (bytes[0] & 0xf0) == 0xe0 : (bytes[0] & 0xff) == 0xff;
        return !isUnspecified() && !broadcast && !isLoopback() && !multicast && !isLinkLocalUnicast();
    }

    /** The first {@code bits} bits kept, the rest cleared. */
    IpAddress masked(int bits) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.min(8, Math.max(0, bits - 8 * i));
            out[i] &= (byte) (0xff << (8 - keep));
        }
        return new IpAddress(out, "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress other && Arrays.equals(bytes, other.bytes) && zone.equals(other.zone);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes) * 31 + zone.hashCode();
    }

    /** The canonical spelling (Go's {@code Addr.String()}). */
    @Override
    public String toString() {
        if (isIpv4()) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        if (isIpv4MappedIpv6()) {
            return "::ffff:" + new IpAddress(Arrays.copyOfRange(bytes, 12, 16), "") + (zone.isEmpty() ? "" : "%" + zone);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff;
        }
        int zerosStart = -1;
        int zerosLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > zerosLength) {
                zerosStart = i;
                zerosLength = j - i;
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == zerosStart) {
                out.append("::");
                i += zerosLength - 1;
            } else {
                out.append(i > 0 && i != zerosStart + zerosLength ? ":" : "").append(Integer.toHexString(groups[i]));
            }
        }
        return zone.isEmpty() ? out.toString() : out + "%" + zone;
    }

    /**
     * Four decimal octets in {@code s} from {@code from}; errors name {@code whole}, the address
     * the octets end (they may be the tail of an IPv6 address).
     */
    private static byte[] ipv4(String whole, String s, int from) throws InvalidAddress {
        byte[] out = new byte[4];
        int value = 0;
        int digits = 0;
        int field = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits == 1 && value == 0) {
                    throw failure(whole, "IPv4 field has octet with leading zero", null);
                }
                value = value * 10 + c - '0';
                digits++;
                if (value > 255) {
                    throw failure(whole, "IPv4 field has value >255", null);
                }
            } else if (c == '.') {
                if (i == from || i == s.length() - 1 || s.charAt(i - 1) == '.') {
                    throw failure(whole, "IPv4 field must have at least one digit", s.substring(i));
                }
                if (field == 3) {
                    throw failure(whole, "IPv4 address too long", null);
                }
                out[field++] = (byte) value;
                value = 0;
                digits = 0;
            } else {
                throw failure(whole, "unexpected character", s.substring(i));
            }
        }
        if (field < 3) {
            throw failure(whole, "IPv4 address too short", null);
        }
        out[3] = (byte) value;
        return out;
    }

    private static IpAddress ipv6(String whole) throws InvalidAddress {
        String s = whole;
        String zone = "";
        int percent = s.indexOf('%');
        if (percent >= 0) {
            zone = s.substring(percent + 1);
            s = s.substring(0, percent);
            if (zone.isEmpty()) {
                throw failure(whole, "zone must be a non-empty string", null);
            }
        }
        byte[] ip = new byte[16];
        int ellipsis = -1;
        if (s.startsWith("::")) {
            ellipsis = 0;
            s = s.substring(2);
            if (s.isEmpty()) {
                return new IpAddress(ip, zone);
            }
        }
        int filled = 0;
        while (filled < 16) {
            int digits = 0;
            int group = 0;
            for (; digits < s.length() && Character.digit(s.charAt(digits), 16) >= 0 && s.charAt(digits) < 0x80; digits++) {
                group = group << 4 | Character.digit(s.charAt(digits), 16);
                if (digits > 3) {
                    throw failure(whole, "each colon-separated field must have at most 4 hex digits", s);
                }
            }
            if (digits == 0) {
                throw failure(whole, "each colon-separated field must have at least one digit", s);
            }
            if (digits < s.length() && s.charAt(digits) == '.') {
                if (ellipsis < 0 && filled != 12) {
                    throw failure(whole, "embedded IPv4 address must replace the final 2 fields of the address", s);
                }
                if (filled + 4 > 16) {
                    throw failure(whole, "too many hex fields to fit an embedded IPv4 at the end of the address", s);
                }
                System.arraycopy(ipv4(whole, s, 0), 0, ip, filled, 4);
                filled += 4;
                s = "";
                break;
            }
            ip[filled++] = (byte) (group >> 8);
            ip[filled++] = (byte) group;
            s = s.substring(digits);
            if (s.isEmpty()) {
                break;
            }
            if (s.charAt(0) != ':') {
                throw failure(whole, "unexpected character, want colon", s);
            }
            if (s.length() == 1) {
                throw failure(whole, "colon must be followed by more characters", s);
            }
            s = s.substring(1);
            if (s.charAt(0) == ':') {
                if (ellipsis >= 0) {
                    throw failure(whole, "multiple :: in address", s);
                }
                ellipsis = filled;
                s = s.substring(1);
                if (s.isEmpty()) {
                    break;
                }
            }
        }
        if (!s.isEmpty()) {
            throw failure(whole, "trailing garbage after address", s);
        }
        if (filled < 16) {
            if (ellipsis < 0) {
                throw failure(whole, "address string too short", null);
            }
            int zeros = 16 - filled;
            System.arraycopy(ip, ellipsis, ip, ellipsis + zeros, filled - ellipsis);
            Arrays.fill(ip, ellipsis, ellipsis + zeros, (byte) 0);
        } else if (ellipsis >= 0) {
            throw failure(whole, "the :: must expand to at least one field of zeros", s);
        }
        return new IpAddress(ip, zone);
    }

    private static InvalidAddress failure(String in, String message, String at) {
        String text = "ParseAddr(" + GoValues.quote(in) + "): " + message;
        return new InvalidAddress(at == null || at.isEmpty() ? text : text + " (at " + GoValues.quote(at) + ")");
    }
}
