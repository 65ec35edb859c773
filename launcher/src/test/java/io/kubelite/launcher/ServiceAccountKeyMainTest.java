package io.kubelite.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceAccountKeyMainTest {

    @TempDir
    Path dir;

    @Test
    void writesAnRsaKeyReadableByItsOwnerOnly() throws Exception {
        Path file = dir.resolve("tls/service-account.key");

        assertThat(ServiceAccountKeyMain.ensureKey(file)).isTrue();

        String pem = Files.readString(file);
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        var key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        assertThat(key.getModulus().bitLength()).isEqualTo(ServiceAccountKeyMain.KEY_BITS);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void keepsAnExistingKey() throws Exception {
        Path file = dir.resolve("service-account.key");
        Files.writeString(file, "existing");

        assertThat(ServiceAccountKeyMain.ensureKey(file)).isFalse();

        assertThat(Files.readString(file)).isEqualTo("existing");
    }
}
