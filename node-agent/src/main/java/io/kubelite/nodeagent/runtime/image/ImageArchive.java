package io.kubelite.nodeagent.runtime.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import tools.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A one-layer image in the docker-archive format that {@code docker load} reads, built from a
 * busybox-static binary: no registry, no external tool. The layer holds {@code /bin/busybox},
 * one symlink per applet ({@code /bin/sh → busybox}, {@code /bin/httpd → busybox} …) and the
 * directories programs expect ({@code /tmp}, {@code /etc}, {@code /var/www}).
 */
public final class ImageArchive {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ImageArchive() {
    }

    /** The docker-archive bytes for {@code repoTag} ("kubelite/pause:3.10"). */
    public static byte[] busybox(Path busyboxBinary, List<String> applets, String repoTag,
            List<String> entrypoint, List<String> cmd) {
        try {
            byte[] layer = busyboxLayer(busyboxBinary, applets);
            String diffId = sha256(layer);
            Map<String, Object> containerConfig = new LinkedHashMap<>();
            containerConfig.put("Env", List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
            if (entrypoint != null) {
                containerConfig.put("Entrypoint", entrypoint);
            }
            if (cmd != null) {
                containerConfig.put("Cmd", cmd);
            }
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("architecture", "amd64");
            config.put("os", "linux");
            config.put("created", "2024-01-01T00:00:00Z");
            config.put("config", containerConfig);
            config.put("rootfs", Map.of("type", "layers", "diff_ids", List.of("sha256:" + diffId)));
            byte[] configJson = JSON.writeValueAsBytes(config);
            String configName = sha256(configJson) + ".json";
            byte[] manifest = JSON.writeValueAsBytes(List.of(Map.of(
                    "Config", configName, "RepoTags", List.of(repoTag), "Layers", List.of(diffId + "/layer.tar"))));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
                directory(tar, diffId + "/");
                file(tar, diffId + "/layer.tar", layer, 0644);
                file(tar, configName, configJson, 0644);
                file(tar, "manifest.json", manifest, 0644);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The applets a busybox binary provides ({@code busybox --list}). */
    public static List<String> applets(Path busyboxBinary) {
        try {
            Process process = new ProcessBuilder(busyboxBinary.toString(), "--list").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(busyboxBinary + " --list failed: " + out);
            }
            return out.lines().map(String::strip).filter(s -> !s.isEmpty() && !s.equals("busybox")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] busyboxLayer(Path busyboxBinary, List<String> applets) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (String dir : List.of("bin/", "etc/", "tmp/", "var/", "var/www/", "root/", "proc/", "sys/", "dev/")) {
                directory(tar, dir);
            }
            file(tar, "bin/busybox", Files.readAllBytes(busyboxBinary), 0755);
            for (String applet : applets) {
                TarArchiveEntry link = new TarArchiveEntry("bin/" + applet, TarArchiveEntry.LF_SYMLINK);
                link.setLinkName("busybox");
                link.setModTime(0);
                tar.putArchiveEntry(link);
                tar.closeArchiveEntry();
            }
            file(tar, "etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n"
                    .getBytes(StandardCharsets.UTF_8), 0644);
            file(tar, "etc/group", "root:x:0:\nnogroup:x:65534:\n".getBytes(StandardCharsets.UTF_8), 0644);
        }
        return bytes.toByteArray();
    }

    private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(name.equals("tmp/") ? 01777 : 0755);
        entry.setModTime(0);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] content, int mode) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(mode);
        entry.setModTime(0);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
