package io.kubelite.dns.server;

import java.util.Optional;

/**
 * Addresses written as numbers, parsed here: {@code InetAddress.getByName} and dnsjava's resolvers
 * look anything else up as a name, which a DNS server must never do by accident (a ClusterIP of
 * {@code 300.1.1.1} would be a query sent off the machine).
 */
final class AddressLiterals {

    private AddressLiterals() {
    }

    /** The four bytes of a dotted IPv4 address, e.g. 10.96.0.12; empty for anything else. */
    static Optional<byte[]> ipv4(String text) {
        if (text == null || !text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return Optional.empty();
        }
        String[] parts = text.split("\\.");
        byte[] octets = new byte[4];
        for (int i = 0; i < 4; i++) {
            int octet = Integer.parseInt(parts[i]);
            if (octet > 255) {
                return Optional.empty();
            }
            octets[i] = (byte) octet;
        }
        return Optional.of(octets);
    }

    /** A literal IPv4 or IPv6 address (hex digits, colons and dots only for the latter). */
    static boolean isAddress(String text) {
        return ipv4(text).isPresent() || (text.contains(":") && text.matches("[0-9A-Fa-f:.]+"));
    }
}
