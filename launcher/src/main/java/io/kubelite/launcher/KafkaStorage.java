package io.kubelite.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

/**
 * Formats a broker's log directory once, the way {@code kafka-storage.sh format} does, and keeps
 * the cluster id in {@code <data-dir>/cluster-id} so that every later start reuses it. A log
 * directory that already holds {@code meta.properties} is never formatted again; its cluster id
 * wins over the file.
 */
final class KafkaStorage {

    private final KafkaBrokerConfig config;

    KafkaStorage(KafkaBrokerConfig config) {
        this.config = config;
    }

    /** Writes the properties file, formats storage if needed, and returns the cluster id. */
    String prepare() throws IOException {
        Files.createDirectories(config.logDir());
        try (OutputStream out = Files.newOutputStream(config.propertiesFile())) {
            config.toProperties().store(out, "kubelite single-node KRaft broker; rewritten on every start");
        }
        Path clusterIdFile = config.dataDir().resolve("cluster-id");
        Path meta = config.logDir().resolve("meta.properties");
        if (Files.exists(meta)) {
            String clusterId = clusterIdOf(meta);
            Files.writeString(clusterIdFile, clusterId + "\n");
            return clusterId;
        }
        String clusterId = Files.exists(clusterIdFile)
                ? Files.readString(clusterIdFile).strip()
                : Uuid.randomUuid().toString();
        Files.writeString(clusterIdFile, clusterId + "\n");
        format(clusterId);
        return clusterId;
    }

    private void format(String clusterId) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int code;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            code = StorageTool.execute(new String[] {
                    "format", "--cluster-id", clusterId, "--config", config.propertiesFile().toString()}, print);
        }
        if (code != 0) {
            throw new IllegalStateException("formatting " + config.logDir() + " failed (exit " + code + "): "
                    + output.toString(StandardCharsets.UTF_8).strip());
        }
        System.out.println("kubelite-kafka: formatted " + config.logDir() + " with cluster id " + clusterId);
    }

    private static String clusterIdOf(Path meta) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(meta)) {
            properties.load(in);
        }
        String clusterId = properties.getProperty("cluster.id");
        if (clusterId == null || clusterId.isBlank()) {
            throw new IllegalStateException(meta + " has no cluster.id; remove " + meta.getParent()
                    + " to format the broker again (its topics are lost)");
        }
        return clusterId.strip();
    }
}
