package io.kubelite.machinery.cron;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CronScheduleTest {

    @ParameterizedTest(name = "{0}: after {1} comes {2}")
    @CsvSource(delimiter = '|', textBlock = """
            every quarter hour                 | */15 * * * *      | 2026-11-25T10:07:30Z | 2026-11-25T10:15:00Z
            the next whole minute, not this one | * * * * *         | 2026-11-25T10:07:00Z | 2026-11-25T10:08:00Z
            seconds are dropped first          | * * * * *         | 2026-11-25T10:07:59.999Z | 2026-11-25T10:08:00Z
            a range with a step                | 30 6-16/4 * * 1-5 | 2026-11-25T10:31:00Z | 2026-11-25T14:30:00Z
            a range with a step wraps to the next day | 30 6-16/4 * * 1-5 | 2026-11-25T14:31:00Z | 2026-11-26T06:30:00Z
            weekdays skip the weekend          | 30 6-16/4 * * 1-5 | 2026-11-27T14:31:00Z | 2026-11-30T06:30:00Z
            N/step means N to the maximum      | 5/20 * * * *      | 2026-11-25T10:46:00Z | 2026-11-25T11:05:00Z
            names of months and days           | 0 12 * JAN,jul SUN | 2026-11-25T00:00:00Z | 2027-01-03T12:00:00Z
            both day fields restricted: either matches (the 1st) | 0 0 1 * mon | 2026-11-30T00:00:00Z | 2026-12-01T00:00:00Z
            both day fields restricted: either matches (a Monday) | 0 0 1 * mon | 2026-11-25T00:00:00Z | 2026-11-30T00:00:00Z
            a star day of month: both must match | 0 0 * * mon     | 2026-11-25T00:00:00Z | 2026-11-30T00:00:00Z
            a question mark is a star          | 0 0 ? * mon       | 2026-11-25T00:00:00Z | 2026-11-30T00:00:00Z
            a star with a step restricts the field | 0 0 */10 * mon | 2026-11-25T00:00:00Z | 2026-11-30T00:00:00Z
            the 31st skips short months        | 0 0 31 * *        | 2026-11-25T00:00:00Z | 2026-12-31T00:00:00Z
            leap day                           | 0 0 29 2 *        | 2026-11-25T00:00:00Z | 2028-02-29T00:00:00Z
            hourly                             | @hourly           | 2026-11-25T10:07:00Z | 2026-11-25T11:00:00Z
            daily                              | @daily            | 2026-11-25T10:07:00Z | 2026-11-26T00:00:00Z
            midnight                           | @midnight         | 2026-11-25T10:07:00Z | 2026-11-26T00:00:00Z
            weekly on Sunday                   | @weekly           | 2026-11-25T10:07:00Z | 2026-11-29T00:00:00Z
            monthly                            | @monthly          | 2026-11-25T10:07:00Z | 2026-12-01T00:00:00Z
            yearly                             | @yearly           | 2026-11-25T10:07:00Z | 2027-01-01T00:00:00Z
            annually                           | @annually         | 2026-11-25T10:07:00Z | 2027-01-01T00:00:00Z
            every 90 seconds                   | @every 90s        | 2026-11-25T10:07:00.400Z | 2026-11-25T10:08:30Z
            every 1h30m                        | @every 1h30m      | 2026-11-25T10:07:00Z | 2026-11-25T11:37:00Z
            under a second is a second         | @every 300ms      | 2026-11-25T10:07:00Z | 2026-11-25T10:07:01Z
            fractions of a second are dropped  | @every 2.5s       | 2026-11-25T10:07:00Z | 2026-11-25T10:07:02Z
            """)
    void findsTheNextActivationInUtc(String name, String spec, String after, String expected) {
        assertThat(CronSchedule.parse(spec).next(Instant.parse(after), ZoneOffset.UTC)).contains(Instant.parse(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            9 a.m. in New York before the clocks go back | 0 9 * * * | 2026-10-31T14:00:00Z | 2026-11-01T09:00-05:00[America/New_York]
            9 a.m. in New York after the clocks go forward | 0 9 * * * | 2027-03-13T15:00:00Z | 2027-03-14T09:00-04:00[America/New_York]
            2:30 a.m. does not exist on the day the clocks go forward | 30 2 * * * | 2027-03-13T08:00:00Z | 2027-03-15T02:30-04:00[America/New_York]
            """)
    void countsInTheSchedulesTimeZone(String name, String spec, String after, String expected) {
        ZonedDateTime want = ZonedDateTime.parse(expected);
        assertThat(CronSchedule.parse(spec).next(Instant.parse(after), ZoneId.of("America/New_York")))
                .contains(want.toInstant());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            30 February never comes | 0 0 30 2 *
            no value in a field     | 0 0 , * *
            """)
    void aScheduleThatNeverMatchesHasNoNextActivation(String name, String spec) {
        assertThat(CronSchedule.parse(spec).next(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC)).isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\": {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ``                 | empty spec string
            `* * * *`          | expected exactly 5 fields, found 4: [* * * *]
            `0 * * * * *`      | expected exactly 5 fields, found 6: [0 * * * * *]
            `   `              | expected exactly 5 fields, found 0: []
            `60 * * * *`       | end of range (60) above maximum (59): 60
            `* 24 * * *`       | end of range (24) above maximum (23): 24
            `* * 0 * *`        | beginning of range (0) below minimum (1): 0
            `* * * 13 *`       | end of range (13) above maximum (12): 13
            `* * * * 7`        | end of range (7) above maximum (6): 7
            `5-1 * * * *`      | beginning of range (5) beyond end of range (1): 5-1
            `*/0 * * * *`      | step of range should be a positive number: */0
            `a * * * *`        | failed to parse int from a: strconv.Atoi: parsing "a": invalid syntax
            `-1 * * * *`       | failed to parse int from : strconv.Atoi: parsing "": invalid syntax
            `1-2-3 * * * *`    | too many hyphens: 1-2-3
            `1/2/3 * * * *`    | too many slashes: 1/2/3
            `* * * foo *`      | failed to parse int from foo: strconv.Atoi: parsing "foo": invalid syntax
            `@fortnightly`     | unrecognized descriptor: @fortnightly
            `@every 5x`        | failed to parse duration @every 5x: time: unknown unit "x" in duration "5x"
            `@every 5`         | failed to parse duration @every 5: time: missing unit in duration "5"
            `@every soon`      | failed to parse duration @every soon: time: invalid duration "soon"
            """)
    void refusesWhatKubernetesRefusesWithItsMessage(String spec, String message) {
        assertThatThrownBy(() -> CronSchedule.parse(spec)).isInstanceOf(CronSyntaxException.class).hasMessage(message);
    }
}
