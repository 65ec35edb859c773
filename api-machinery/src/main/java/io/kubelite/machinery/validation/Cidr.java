package io.kubelite.machinery.validation;

import java.util.Optional;
import java.util.Arrays;

/**
 * A CIDR read the lenient way kube-apiserver reads these legacy fields (k8s.io/utils/net's
 * {@code ParseCIDRSloppy}, Go's pre-1.17 parser): IPv4 octets may carry leading zeros
 * ({@code 010.0.0.0/8} is 10.0.0.0/8), host bits may be set ({@code 192.168.1.1/24} is the
 * block 192.168.1.0/24), and an IPv6 address may end in dotted IPv4 ({@code ::ffff:10.0.0.0/104}).
 *
 * @param network the address with the host bits cleared: 4 bytes for IPv4, 16 for IPv6
 * @param prefix  the prefix length, at most 32 or 128
 */
record Cidr(byte[] network, int prefix) {

    /** Go's {@code dtoi}/{@code xtoi} give up at this size, so longer digit runs never parse. */
    private static final int BIG = 0xFFFFFF;

    static Optional<Cidr> parse(String s) {
        int slash = s.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String address = s.substring(0, slash);
        String bits = s.substring(slash + 1);
        byte[] ip = ipv4(address);
        if (ip == null) {
            ip = ipv6(address);
        }
        int prefix = decimal(bits, 0);
        if (ip == null || prefix < 0 || digitsEnd(bits, 0) != bits.length() || prefix > 8 * ip.length) {
            return Optional.empty();
        }
        return Optional.of(new Cidr(masked(ip, prefix), prefix));
    }

    /**
     * Whether {@code inner} is a smaller block inside this one: its network address lies here and
     * its prefix is longer. As in Go, an IPv4-mapped IPv6 block compares with IPv4 blocks by its
     * last 32 bits: {@code ::ffff:10.0.0.0/104} contains 10.1.0.0.
     */
    boolean strictlyContains(Cidr inner) {
        byte[] net = network;
        int bits = prefix;
        byte[] net4 = asIpv4(network);
        if (net4 != null && network.length == 16) {
            net = net4;
            bits = Math.max(0, prefix - 96);
        }
        byte[] ip = asIpv4(inner.network) != null ? asIpv4(inner.network) : inner.network;
        return ip.length == net.length && Arrays.equals(masked(ip, bits), masked(net, bits)) && prefix < inner.prefix;
    }

    private static byte[] masked(byte[] ip, int bits) {
        byte[] out = ip.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.min(8, Math.max(0, bits - 8 * i));
            out[i] &= (byte) (0xFF << (8 - keep));
        }
        return out;
    }

    private static byte[] asIpv4(byte[] ip) {
        if (ip.length == 4) {
            return ip;
        }
        for (int i = 0; i < 10; i++) {
            if (ip[i] != 0) {
                return null;
            }
        }
        return ip[10] == (byte) 0xFF && ip[11] == (byte) 0xFF ? Arrays.copyOfRange(ip, 12, 16) : null;
    }

    /** Four dot-separated decimal octets, each at most 255; leading zeros allowed. */
    private static byte[] ipv4(String s) {
        byte[] ip = new byte[4];
        int pos = 0;
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                if (pos >= s.length() || s.charAt(pos) != '.') {
                    return null;
                }
                pos++;
            }
            int octet = decimal(s, pos);
            if (octet < 0 || octet > 0xFF) {
                return null;
            }
            pos = digitsEnd(s, pos);
            ip[i] = (byte) octet;
        }
        return pos == s.length() ? ip : null;
    }

    /** Hex groups of at most 0xFFFF separated by colons, one {@code ::} standing for at least one zero group. */
    private static byte[] ipv6(String s) {
        byte[] ip = new byte[16];
        int gap = -1;
        int pos = 0;
        int filled = 0;
        if (s.startsWith("::")) {
            gap = 0;
            pos = 2;
            if (pos == s.length()) {
                return ip;
            }
        }
        while (filled < 16) {
            int start = pos;
            long group = 0;
            while (pos < s.length() && hex(s.charAt(pos)) >= 0) {
                group = group * 16 + hex(s.charAt(pos++));
                if (group >= BIG) {
                    return null;
                }
            }
            if (pos == start || group > 0xFFFF) {
                return null;
            }
            if (pos < s.length() && s.charAt(pos) == '.') {
                // a trailing IPv4 address fills the last four bytes
                byte[] v4 = (gap >= 0 || filled == 12) && filled + 4 <= 16 ? ipv4(s.substring(start)) : null;
                if (v4 == null) {
                    return null;
                }
                System.arraycopy(v4, 0, ip, filled, 4);
                filled += 4;
                pos = s.length();
                break;
            }
            ip[filled++] = (byte) (group >> 8);
            ip[filled++] = (byte) group;
            if (pos == s.length()) {
                break;
            }
            if (s.charAt(pos) != ':' || pos + 1 == s.length()) {
                return null;
            }
            pos++;
            if (s.charAt(pos) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = filled;
                if (++pos == s.length()) {
                    break;
                }
            }
        }
        // the string must be used up, and "::" must stand for at least one group exactly when groups are missing
        boolean missing = filled < 16;
        if (pos != s.length() || missing != gap >= 0) {
            return null;
        }
        if (missing) {
            int zeros = 16 - filled;
            System.arraycopy(ip, gap, ip, gap + zeros, filled - gap);
            Arrays.fill(ip, gap, gap + zeros, (byte) 0);
        }
        return ip;
    }

    /** The decimal number starting at {@code from}, or -1 when there is none or it is too long. */
    private static int decimal(String s, int from) {
        int end = digitsEnd(s, from);
        if (end == from) {
            return -1;
        }
        long n = 0;
        for (int i = from; i < end; i++) {
            n = n * 10 + (s.charAt(i) - '0');
            if (n >= BIG) {
                return -1;
            }
        }
        return (int) n;
    }

    private static int digitsEnd(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
