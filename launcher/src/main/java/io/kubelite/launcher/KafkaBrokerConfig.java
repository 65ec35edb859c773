package io.kubelite.launcher;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The server properties of a single-node KRaft cluster: one process is broker and controller
 * (node id 1), both listeners bound to loopback, every internal topic with replication factor 1,
 * and topics created on first use, e.g. for ports 19092/19093:
 *
 * <pre>
 * listeners=PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093
 * controller.quorum.voters=1@127.0.0.1:19093
 * </pre>
 */
record KafkaBrokerConfig(Path dataDir, int port, int controllerPort) {

    static final int NODE_ID = 1;

    KafkaBrokerConfig {
        if (port == controllerPort) {
            throw new IllegalArgumentException("--port and --controller-port must differ, both are " + port);
        }
    }

    Path logDir() {
        return dataDir.resolve("logs");
    }

    Path propertiesFile() {
        return dataDir.resolve("server.properties");
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(NODE_ID));
        p.setProperty("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.setProperty("log.dirs", logDir().toString());
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("num.partitions", "1");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "4");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "4");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "2");
        p.setProperty("num.recovery.threads.per.data.dir", "1");
        p.setProperty("log.retention.hours", "24");
        p.setProperty("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
        return p;
    }
}
