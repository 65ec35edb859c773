package io.kubelite.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;

/**
 * Writes the cluster's service account key — the RSA key the API server signs service account
 * tokens with and the gateway verifies them with — as a PKCS#8 PEM file, readable by its owner
 * only, unless the file exists already (a key is made once; tokens signed with it stay valid).
 *
 * <pre>
 * java -cp 'launcher/target/launcher-0.1.0-SNAPSHOT.jar:launcher/target/lib/*' \
 *     io.kubelite.launcher.ServiceAccountKeyMain .kubelite/tls/service-account.key
 * </pre>
 */
public final class ServiceAccountKeyMain {

    static final int KEY_BITS = 2048;

    private ServiceAccountKeyMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: ServiceAccountKeyMain FILE");
            System.exit(2);
            return;
        }
        Path file = Path.of(args[0]);
        System.out.println(ensureKey(file) ? "wrote " + file : file + " exists");
    }

    /** Writes a new key to {@code file} unless it exists; true when it wrote one. */
    static boolean ensureKey(Path file) throws IOException, GeneralSecurityException {
        if (Files.exists(file)) {
            return false;
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(KEY_BITS);
        String pem = pem(generator.generateKeyPair().getPrivate());
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = Files.createTempFile(parent, ".service-account", ".key");
        try {
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(partial, pem, StandardCharsets.US_ASCII);
            Files.move(partial, file);
        } finally {
            Files.deleteIfExists(partial);
        }
        return true;
    }

    static String pem(PrivateKey key) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }
}
