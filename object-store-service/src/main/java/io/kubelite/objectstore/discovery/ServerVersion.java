package io.kubelite.objectstore.discovery;

/**
 * What this server says it is: the Kubernetes version whose API it serves (answered at
 * {@code /version} and labelled on {@code kubernetes_build_info}).
 */
public record ServerVersion(String major, String minor, String gitVersion, String gitCommit, String gitTreeState,
                            String buildDate, String goVersion, String compiler, String platform) {

    public static final ServerVersion CURRENT = new ServerVersion("1", "32", "v1.32.0-kubelite", "kubelite", "clean",
            "2026-01-01T00:00:00Z", "java" + Runtime.version().feature(), "javac", "linux/amd64");
}
