package io.kubelite.replication.cronjob;

import io.kubelite.machinery.cron.CronSchedule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class CronTimesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            before the first activation nothing is due   | */5 * * * *       | 2026-11-27T10:00:30Z | -  | 2026-11-27T10:04:59Z | -                    | 0
            the first activation is due at its minute    | */5 * * * *       | 2026-11-27T10:00:30Z | -  | 2026-11-27T10:05:00Z | 2026-11-27T10:05:00Z | 0
            three missed: the latest is due              | */5 * * * *       | 2026-11-27T10:00:00Z | -  | 2026-11-27T10:17:30Z | 2026-11-27T10:15:00Z | 3
            an uneven schedule walks the real activations (the count is an estimate) | 30 6-16/4 * * 1-5 | 2026-11-26T06:31:00Z | -  | 2026-11-27T11:00:00Z | 2026-11-27T10:30:00Z | 7
            the deadline moves the start of counting     | */5 * * * *       | 2026-11-27T10:00:00Z | 60 | 2026-11-27T10:17:30Z | -                    | 0
            the deadline keeps a recent activation       | */5 * * * *       | 2026-11-27T10:00:00Z | 60 | 2026-11-27T10:15:40Z | 2026-11-27T10:15:00Z | 0
            a day of minutes is too many                 | * * * * *         | 2026-11-26T10:00:00Z | -  | 2026-11-27T10:00:00Z | 2026-11-27T10:00:00Z | 1440
            """)
    void findsTheActivationDueNow(String name, String spec, String earliest, Long deadline, String now, String due,
            long missed) {
        CronTimes times = new CronTimes(CronSchedule.parse(spec), ZoneOffset.UTC, Instant.parse(earliest), deadline);

        CronTimes.MostRecent recent = times.mostRecent(Instant.parse(now), true);

        assertThat(times.due(Instant.parse(now)).time().map(Instant::toString).orElse(null)).isEqualTo(due == null ? null
                : Instant.parse(due).toString());
        assertThat(recent.missed()).isEqualTo(missed);
        assertThat(times.due(Instant.parse(now)).tooManyMissed()).isEqualTo(missed > 100);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            waits for the first activation            | */5 * * * * | 2026-11-27T10:00:30Z | 2026-11-27T10:01:00Z | PT4M0.1S
            after the latest, waits for the one after | */5 * * * * | 2026-11-27T10:05:00Z | 2026-11-27T10:05:02Z | PT4M58.1S
            after missed ones, from now               | */5 * * * * | 2026-11-27T10:00:00Z | 2026-11-27T10:17:30Z | PT2M30.1S
            """)
    void requeuesJustAfterTheNextActivation(String name, String spec, String earliest, String now, String wait) {
        CronTimes times = new CronTimes(CronSchedule.parse(spec), ZoneOffset.UTC, Instant.parse(earliest), null);

        assertThat(times.untilNext(Instant.parse(now))).contains(Duration.parse(wait));
    }
}
