package io.kubelite.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresBinariesTest {

    private static final Duration MIN_AGE = Duration.ofSeconds(10);

    @TempDir
    Path work;

    @Test
    void removesAnUnpackAbandonedWithItsLockFile() throws Exception {
        Path dir = unpack("PG-abandoned", false);
        Files.createFile(dir.resolve("epg-lock"));

        PostgresBinaries.removeIncompleteUnpacks(work, MIN_AGE);

        assertThat(dir).doesNotExist();
    }

    @Test
    void removesAnOldUnpackWithoutMarkerOrLock() throws Exception {
        Path dir = unpack("PG-failed", false);
        Files.setLastModifiedTime(dir, FileTime.from(Instant.now().minusSeconds(60)));

        PostgresBinaries.removeIncompleteUnpacks(work, MIN_AGE);

        assertThat(dir).doesNotExist();
    }

    @Test
    void keepsFinishedFreshAndLockedUnpacks() throws Exception {
        Path finished = unpack("PG-finished", true);
        Path fresh = unpack("PG-fresh", false);
        Path locked = unpack("PG-locked", false);
        try (FileChannel channel = FileChannel.open(locked.resolve("epg-lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {

            PostgresBinaries.removeIncompleteUnpacks(work, MIN_AGE);

            assertThat(finished.resolve("bin/postgres")).exists();
            assertThat(fresh.resolve("bin/postgres")).exists();
            assertThat(locked.resolve("bin/postgres")).exists();
        }
    }

    @Test
    void toleratesAMissingWorkingDirectory() throws Exception {
        PostgresBinaries.removeIncompleteUnpacks(work.resolve("absent"), MIN_AGE);

        assertThat(work.resolve("absent")).doesNotExist();
    }

    private Path unpack(String name, boolean finished) throws Exception {
        Path dir = Files.createDirectories(work.resolve(name).resolve("bin")).getParent();
        Files.writeString(dir.resolve("bin/postgres"), "binary");
        if (finished) {
            Files.createFile(dir.resolve(".exists"));
        }
        return dir;
    }
}
