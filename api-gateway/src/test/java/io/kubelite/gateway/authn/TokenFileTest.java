package io.kubelite.gateway.authn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();

    @Test
    void picksUpAnEditedFileAfterTheRecheckInterval() throws IOException {
        Path file = dir.resolve("tokens.csv");
        Files.writeString(file, "old-token,alice,1\n");
        TokenFile tokens = new TokenFile(file, clock);
        assertThat(tokens.table().authenticate("old-token")).isPresent();

        replace(file, "new-token,bob,2\n");
        assertThat(tokens.table().authenticate("old-token")).as("within the interval").isPresent();

        clock.advance(TokenFile.RECHECK_INTERVAL);
        assertThat(tokens.table().authenticate("new-token")).map(UserInfo::name).contains("bob");
        assertThat(tokens.table().authenticate("old-token")).isEmpty();
    }

    @Test
    void missingFileAuthenticatesNobodyUntilItAppears() throws IOException {
        Path file = dir.resolve("later.csv");
        TokenFile tokens = new TokenFile(file, clock);
        assertThat(tokens.table().size()).isZero();

        Files.writeString(file, "t,alice,1\n");
        clock.advance(TokenFile.RECHECK_INTERVAL);
        assertThat(tokens.table().authenticate("t")).isPresent();

        Files.delete(file);
        clock.advance(TokenFile.RECHECK_INTERVAL);
        assertThat(tokens.table().authenticate("t")).isEmpty();
    }

    /** Writes beside the file and renames over it, as editors and config tools do. */
    private void replace(Path file, String content) throws IOException {
        Path staged = Files.writeString(dir.resolve("staged.csv"), content);
        Files.move(staged, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2025-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
