package io.kubelite.controller.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterConnectionTest {

    @TempDir
    Path dir;

    @Test
    void theTokenComesFromTheEnvironment() {
        ClusterConnection connection = ClusterConnection.fromMap(Map.of(
                "KUBELITE_API_SERVER", "https://127.0.0.1:6443", "KUBELITE_API_TOKEN", "abc",
                "KUBELITE_API_CA_FILE", "/tls/ca.crt", "KUBELITE_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"));

        assertThat(connection).isEqualTo(
                new ClusterConnection("https://127.0.0.1:6443", "abc", "/tls/ca.crt", "127.0.0.1:9092"));
    }

    @Test
    void orFromTheFileItNamesWithoutTheTrailingNewline() throws IOException {
        Path file = Files.writeString(dir.resolve("scheduler"), "s3cret\n");

        ClusterConnection connection = ClusterConnection.fromMap(Map.of(
                "KUBELITE_API_SERVER", "https://127.0.0.1:6443", "KUBELITE_API_TOKEN_FILE", file.toString()));

        assertThat(connection.token()).isEqualTo("s3cret");
        assertThat(connection.caFile()).isNull();
        assertThat(connection.kafkaBootstrapServers()).isEqualTo("127.0.0.1:19092");
    }

    @Test
    void aTokenGivenDirectlyWinsOverTheFile() {
        ClusterConnection connection = ClusterConnection.fromMap(Map.of(
                "KUBELITE_API_SERVER", "https://127.0.0.1:6443", "KUBELITE_API_TOKEN", "direct",
                "KUBELITE_API_TOKEN_FILE", dir.resolve("missing").toString()));

        assertThat(connection.token()).isEqualTo("direct");
    }

    @Test
    void anUnreadableTokenFileNamesTheFile() {
        String missing = dir.resolve("missing").toString();

        assertThatThrownBy(() -> ClusterConnection.fromMap(Map.of(
                "KUBELITE_API_SERVER", "https://127.0.0.1:6443", "KUBELITE_API_TOKEN_FILE", missing)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("KUBELITE_API_TOKEN_FILE names " + missing);
    }

    @Test
    void withoutTheApiServerItSaysWhatToSet() {
        assertThatThrownBy(() -> ClusterConnection.fromMap(Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("KUBELITE_API_SERVER is not set");
    }
}
