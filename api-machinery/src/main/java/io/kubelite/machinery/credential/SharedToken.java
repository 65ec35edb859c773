package io.kubelite.machinery.credential;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * A secret by which one component proves itself to another it calls: the gateway to the API
 * server ({@link #FRONT_PROXY_HEADER}, the part kube-apiserver's front-proxy client certificate
 * plays), the API server to the node agents ({@code Authorization: Bearer}, the part of its
 * kubelet client certificate).
 *
 * <p>The side that checks keeps the SHA-256 digest and compares digests in constant time. It may
 * be given the digest alone ({@link #readDigest}): a node agent that knows only the digest of the
 * API server's token cannot use it against another node's agent.
 *
 * <p>A token file holds the token on its first line (surrounding whitespace ignored); a digest
 * file the 64 hexadecimal digits of its SHA-256, as {@code sha256sum} prints them (anything after
 * the digits ignored).
 */
public final class SharedToken {

    /** The header the gateway adds to every request it passes to the API server. */
    public static final String FRONT_PROXY_HEADER = "X-Front-Proxy-Token";
    /**
     * The {@code WWW-Authenticate} of a node agent's 401, by which the API server tells the agent's
     * refusal of its own credentials from a 401 a proxied pod answered.
     */
    public static final String NODE_AGENT_CHALLENGE = "Bearer realm=\"kubelite-node-agent\"";

    private static final HexFormat HEX = HexFormat.of();

    private final String token;
    private final byte[] digest;

    private SharedToken(String token, byte[] digest) {
        this.token = token;
        this.digest = digest;
    }

    /** A token whose value is known (the presenting side, or a checker that was given the token). */
    public static SharedToken of(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("a shared token must not be empty");
        }
        return new SharedToken(token.strip(), sha256(token.strip()));
    }

    /** The token in {@code file}; fails naming the file when it is missing, unreadable or empty. */
    public static SharedToken read(Path file) {
        String first = firstLine(file);
        if (first.isEmpty()) {
            throw new IllegalStateException("token file " + file + " is empty: write the token on its first line");
        }
        return of(first);
    }

    /** Only the digest in {@code file}: the token can be checked, not presented. */
    public static SharedToken readDigest(Path file) {
        String first = firstLine(file);
        String hex = first.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalStateException("digest file " + file + " does not start with a SHA-256 digest "
                    + "(64 hexadecimal digits, as sha256sum prints them): \"" + abbreviate(first) + "\"");
        }
        return new SharedToken(null, HEX.parseHex(hex));
    }

    /** {@link #read} of a setting that may be left blank (no token: empty). */
    public static Optional<SharedToken> readIfSet(String file) {
        return file == null || file.isBlank() ? Optional.empty() : Optional.of(read(Path.of(file)));
    }

    /** {@link #readDigest} of a setting that may be left blank (no token: empty). */
    public static Optional<SharedToken> readDigestIfSet(String file) {
        return file == null || file.isBlank() ? Optional.empty() : Optional.of(readDigest(Path.of(file)));
    }

    /** Whether {@code presented} is this token; false for null. Takes the same time whatever it is. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    /** The token to present; only known when it was read or given, not from a digest. */
    public String value() {
        if (token == null) {
            throw new IllegalStateException("only the digest of this token is known");
        }
        return token;
    }

    /** The SHA-256 of the token, in lower-case hexadecimal (what a digest file holds). */
    public String digestHex() {
        return HEX.formatHex(digest);
    }

    @Override
    public String toString() {
        return "SharedToken[sha256=" + digestHex().substring(0, 12) + "…]";
    }

    private static String firstLine(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 16 ? s : s.substring(0, 16) + "…";
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
