package io.kubelite.gateway.authn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The static token file, re-read when it changes. A lookup checks the file's modification
 * time, size and identity at most once per {@link #RECHECK_INTERVAL}, so editing or replacing
 * the file takes effect within a second without a restart, and a burst of requests costs one
 * {@code stat}. A missing or unreadable file authenticates nobody.
 */
public final class TokenFile {

    static final Duration RECHECK_INTERVAL = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(TokenFile.class);

    /** What the file looked like when it was last read; {@code null} fields mean "absent". */
    private record Stamp(FileTime modified, long size, Object fileKey) {
        static final Stamp ABSENT = new Stamp(null, -1, null);
    }

    private record Loaded(Stamp stamp, TokenTable table, Instant checkedAt) {
    }

    private final Path path;
    private final Clock clock;
    private volatile Loaded loaded;

    public TokenFile(Path path, Clock clock) {
        this.path = path.toAbsolutePath();
        this.clock = clock;
    }

    public TokenTable table() {
        Loaded current = loaded;
        Instant now = clock.instant();
        if (current != null && now.isBefore(current.checkedAt().plus(RECHECK_INTERVAL))) {
            return current.table();
        }
        return refresh(now);
    }

    private synchronized TokenTable refresh(Instant now) {
        Loaded current = loaded;
        Stamp stamp = stamp();
        if (current != null && current.stamp().equals(stamp)) {
            loaded = new Loaded(stamp, current.table(), now);
            return current.table();
        }
        TokenTable table = read(stamp);
        loaded = new Loaded(stamp, table, now);
        return table;
    }

    private Stamp stamp() {
        try {
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
            return new Stamp(attrs.lastModifiedTime(), attrs.size(), attrs.fileKey());
        } catch (IOException e) {
            return Stamp.ABSENT;
        }
    }

    private TokenTable read(Stamp stamp) {
        if (stamp == Stamp.ABSENT) {
            log.warn("token file {} does not exist; every request to /api and /apis will be 401", path);
            return TokenTable.EMPTY;
        }
        try {
            TokenFileParser.Parsed parsed = TokenFileParser.parse(Files.readString(path, StandardCharsets.UTF_8));
            parsed.problems().forEach(problem -> log.warn("token file {}: {}", path, problem));
            log.info("token file {} loaded: {} tokens", path, parsed.usersByToken().size());
            return new TokenTable(parsed.usersByToken());
        } catch (NoSuchFileException e) {
            log.warn("token file {} vanished while being read", path);
            return TokenTable.EMPTY;
        } catch (IOException e) {
            log.warn("token file {} could not be read: {}", path, e.toString());
            return TokenTable.EMPTY;
        }
    }
}
