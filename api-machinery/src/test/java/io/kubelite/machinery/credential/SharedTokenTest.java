package io.kubelite.machinery.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedTokenTest {

    /** {@code printf 's3cret' | sha256sum} */
    static final String S3CRET_SHA256 = "1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0";

    @TempDir
    Path dir;

    @Test
    void aTokenFileGivesTheTokenAndMatchesOnlyIt() throws Exception {
        Path file = Files.writeString(dir.resolve("front-proxy.token"), "  s3cret \nignored second line\n");

        SharedToken token = SharedToken.read(file);

        assertThat(token.value()).isEqualTo("s3cret");
        assertThat(token.digestHex()).isEqualTo(S3CRET_SHA256);
        assertThat(token.matches("s3cret")).isTrue();
        assertThat(token.matches("s3cre")).isFalse();
        assertThat(token.matches("s3cret ")).isFalse();
        assertThat(token.matches("")).isFalse();
        assertThat(token.matches(null)).isFalse();
    }

    @Test
    void aDigestFileAsSha256sumWritesItChecksTheTokenButCannotPresentIt() throws Exception {
        Path file = Files.writeString(dir.resolve("kubelet-client.token.sha256"), S3CRET_SHA256.toUpperCase() + "  -\n");

        SharedToken digest = SharedToken.readDigest(file);

        assertThat(digest.matches("s3cret")).isTrue();
        assertThat(digest.matches("other")).isFalse();
        assertThat(digest.digestHex()).isEqualTo(S3CRET_SHA256);
        assertThatThrownBy(digest::value).hasMessage("only the digest of this token is known");
        assertThat(digest.toString()).doesNotContain("s3cret").contains("1ec1c26b50d5");
    }

    @Test
    void aMissingEmptyOrMalformedFileIsRefusedNamingIt() throws Exception {
        Path missing = dir.resolve("absent.token");
        Path empty = Files.writeString(dir.resolve("empty.token"), "\n  \n");
        Path notADigest = Files.writeString(dir.resolve("bad.sha256"), "s3cret\n");

        assertThatThrownBy(() -> SharedToken.read(missing)).hasMessageStartingWith("cannot read " + missing);
        assertThatThrownBy(() -> SharedToken.read(empty)).hasMessage("token file " + empty
                + " is empty: write the token on its first line");
        assertThatThrownBy(() -> SharedToken.readDigest(notADigest)).hasMessageContaining("digest file " + notADigest
                + " does not start with a SHA-256 digest").hasMessageContaining("\"s3cret\"");
        assertThatThrownBy(() -> SharedToken.of(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBlankSettingIsNoTokenAndASetOneIsRead() throws Exception {
        Path file = Files.writeString(dir.resolve("front-proxy"), "s3cret\n");
        Path digest = Files.writeString(dir.resolve("digest"), S3CRET_SHA256 + "\n");

        assertThat(SharedToken.readIfSet("")).isEmpty();
        assertThat(SharedToken.readIfSet(null)).isEmpty();
        assertThat(SharedToken.readDigestIfSet(" ")).isEmpty();
        assertThat(SharedToken.readIfSet(file.toString())).hasValueSatisfying(t -> assertThat(t.value()).isEqualTo("s3cret"));
        assertThat(SharedToken.readDigestIfSet(digest.toString())).hasValueSatisfying(t -> assertThat(t.matches("s3cret")).isTrue());
        assertThatThrownBy(() -> SharedToken.readIfSet(dir.resolve("absent").toString()))
                .as("a setting naming a missing file stops the service").hasMessageStartingWith("cannot read");
    }
}
