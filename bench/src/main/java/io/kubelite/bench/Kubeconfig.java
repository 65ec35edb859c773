package io.kubelite.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The three fields of a kubeconfig the benchmark needs, from its current context: the server,
 * the CA certificate (PEM, from {@code certificate-authority-data}; null for plain HTTP) and the
 * bearer token.
 */
record Kubeconfig(URI server, byte[] caCertificatePem, String token) {

    static Kubeconfig read(Path file) throws IOException {
        return parse(Files.readString(file), file.toString());
    }

    static Kubeconfig parse(String yaml, String source) {
        JsonNode root = new YAMLMapper().readTree(yaml);
        String contextName = root.path("current-context").asString("");
        JsonNode context = named(root.path("contexts"), contextName, source, "contexts").path("context");
        JsonNode cluster = named(root.path("clusters"), context.path("cluster").asString(""), source, "clusters")
                .path("cluster");
        JsonNode user = named(root.path("users"), context.path("user").asString(""), source, "users").path("user");
        String server = cluster.path("server").asString("");
        if (server.isEmpty()) {
            throw new IllegalArgumentException(source + ": clusters[].cluster.server is missing");
        }
        String ca = cluster.path("certificate-authority-data").asString("");
        String token = user.path("token").asString("");
        if (token.isEmpty()) {
            throw new IllegalArgumentException(source + ": users[].user.token is missing (the benchmark needs a bearer token)");
        }
        return new Kubeconfig(URI.create(server), ca.isEmpty() ? null : Base64.getMimeDecoder().decode(ca), token);
    }

    /** The entry of {@code list} called {@code name}, or its only entry when {@code name} is empty. */
    private static JsonNode named(JsonNode list, String name, String source, String field) {
        if (name.isEmpty() && list.size() == 1) {
            return list.get(0);
        }
        for (JsonNode entry : list) {
            if (name.equals(entry.path("name").asString(""))) {
                return entry;
            }
        }
        throw new IllegalArgumentException(source + ": no entry named '" + name + "' in " + field);
    }
}
