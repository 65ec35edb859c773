package io.kubelite.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Repairs zonky's cache of unpacked PostgreSQL binaries ({@code <tmp>/embedded-pg/PG-<md5>}).
 * zonky marks a finished unpack with a {@code .exists} file and never retries an unfinished one,
 * so a JVM killed while unpacking (out of memory, Ctrl-C on the very first start) would leave
 * every later start failing with {@code FileAlreadyExistsException}. A directory without the
 * marker is such a leftover when its unpack lock file exists but nobody holds the lock, or when
 * there is no lock file and the directory has not changed for {@code minAge} (a fresh directory
 * without a lock file may be one another JVM has just created and is about to lock). Leftovers
 * are removed so that this start unpacks again.
 */
final class PostgresBinaries {

    private PostgresBinaries() {
    }

    static Path workingDirectory() {
        Path fallback = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg");
        return Path.of(System.getProperty("ot.epg.working-dir", fallback.toString()));
    }

    static void removeIncompleteUnpacks(Path workingDir, Duration minAge) throws IOException {
        if (!Files.isDirectory(workingDir)) {
            return;
        }
        List<Path> candidates;
        try (Stream<Path> children = Files.list(workingDir)) {
            candidates = children
                    .filter(dir -> dir.getFileName().toString().startsWith("PG-") && Files.isDirectory(dir))
                    .filter(dir -> !Files.exists(dir.resolve(".exists")))
                    .toList();
        }
        Instant cutoff = Instant.now().minus(minAge);
        for (Path dir : candidates) {
            if (isLeftover(dir, cutoff)) {
                System.out.println("kubelite-postgres: removing unfinished unpack of the PostgreSQL binaries " + dir);
                deleteTree(dir);
            }
        }
    }

    private static boolean isLeftover(Path dir, Instant cutoff) throws IOException {
        Path lockFile = dir.resolve("epg-lock");
        if (!Files.exists(lockFile)) {
            FileTime modified = Files.getLastModifiedTime(dir);
            return modified.toInstant().isBefore(cutoff);
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            return lock != null;
        } catch (OverlappingFileLockException e) {
            return false;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
