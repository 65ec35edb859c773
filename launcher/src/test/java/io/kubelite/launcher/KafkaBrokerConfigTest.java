package io.kubelite.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class KafkaBrokerConfigTest {

    private final KafkaBrokerConfig config = new KafkaBrokerConfig(Path.of("/state/data/kafka"), 19092, 19093);

    @Test
    void isOneCombinedBrokerAndControllerOnLoopback() {
        Properties p = config.toProperties();

        assertThat(p.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(p.getProperty("node.id")).isEqualTo("1");
        assertThat(p.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:19093");
        assertThat(p.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093");
        assertThat(p.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19092");
        assertThat(config.bootstrapServers()).isEqualTo("127.0.0.1:19092");
    }

    @Test
    void keepsLogsUnderTheDataDir() {
        assertThat(config.toProperties().getProperty("log.dirs")).isEqualTo("/state/data/kafka/logs");
        assertThat(config.propertiesFile()).isEqualTo(Path.of("/state/data/kafka/server.properties"));
    }

    @Test
    void createsTopicsOnFirstUseWithOneReplica() {
        Properties p = config.toProperties();

        assertThat(p.getProperty("auto.create.topics.enable")).isEqualTo("true");
        assertThat(p.getProperty("num.partitions")).isEqualTo("1");
        assertThat(p).containsEntry("default.replication.factor", "1")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1");
    }

    @Test
    void refusesOnePortForBothListeners() {
        assertThatThrownBy(() -> new KafkaBrokerConfig(Path.of("d"), 19092, 19092))
                .hasMessage("--port and --controller-port must differ, both are 19092");
    }
}
