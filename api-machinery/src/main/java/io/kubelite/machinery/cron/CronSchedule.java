package io.kubelite.machinery.cron;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A CronJob's {@code spec.schedule}, read as Kubernetes reads it (robfig/cron's standard parser):
 * five fields — minute, hour, day of month, month, day of week — or a descriptor ({@code @hourly},
 * {@code @daily}, {@code @midnight}, {@code @weekly}, {@code @monthly}, {@code @yearly},
 * {@code @annually}, {@code @every <duration>}). A field is a comma-separated list of {@code *}
 * (or {@code ?}), a number or name ({@code jan}–{@code dec}, {@code sun}–{@code sat}), a range
 * {@code a-b}, each with an optional step {@code /n}; {@code 5/15} means {@code 5-59/15}.
 * Days match as classic cron has it: when both day fields are restricted (neither starts with
 * {@code *} or {@code ?}), a day matching either one counts — {@code 0 0 1 * mon} runs on the
 * first of every month and on every Monday.
 */
public sealed interface CronSchedule permits CronSchedule.Fields, CronSchedule.Every {

    /** The first activation strictly after {@code after}, in {@code zone}; empty when none comes within five years. */
    Optional<Instant> next(Instant after, ZoneId zone);

    /** Parses a schedule; the exception's message is robfig/cron's for the same mistake. */
    static CronSchedule parse(String spec) {
        if (spec.isEmpty()) {
            throw new CronSyntaxException("empty spec string");
        }
        if (spec.startsWith("@")) {
            return descriptor(spec);
        }
        String[] fields = spec.trim().isEmpty() ? new String[0] : spec.trim().split("\\s+");
        if (fields.length != 5) {
            throw new CronSyntaxException("expected exactly 5 fields, found " + fields.length + ": ["
                    + String.join(" ", fields) + "]");
        }
        return new Fields(Field.MINUTE.parse(fields[0]), Field.HOUR.parse(fields[1]), Field.DAY_OF_MONTH.parse(fields[2]),
                Field.MONTH.parse(fields[3]), Field.DAY_OF_WEEK.parse(fields[4]));
    }

    private static CronSchedule descriptor(String spec) {
        long all = Field.DAY_OF_MONTH.all();
        return switch (spec) {
            case "@yearly", "@annually" -> new Fields(1L, 1L, 1L << 1, 1L << 1, Field.DAY_OF_WEEK.all());
            case "@monthly" -> new Fields(1L, 1L, 1L << 1, Field.MONTH.all(), Field.DAY_OF_WEEK.all());
            case "@weekly" -> new Fields(1L, 1L, all, Field.MONTH.all(), 1L);
            case "@daily", "@midnight" -> new Fields(1L, 1L, all, Field.MONTH.all(), Field.DAY_OF_WEEK.all());
            case "@hourly" -> new Fields(1L, Field.HOUR.all(), all, Field.MONTH.all(), Field.DAY_OF_WEEK.all());
            default -> {
                if (spec.startsWith("@every ")) {
                    String text = spec.substring("@every ".length());
                    try {
                        yield Every.of(GoDuration.parse(text));
                    } catch (IllegalArgumentException e) {
                        throw new CronSyntaxException("failed to parse duration " + spec + ": " + e.getMessage());
                    }
                }
                throw new CronSyntaxException("unrecognized descriptor: " + spec);
            }
        };
    }

    /**
     * A schedule of five fields, each a bit set of the values it allows plus {@link Field#STAR}
     * when written as {@code *} or {@code ?} (a step above one drops the star: {@code *}{@code /2}
     * restricts the field).
     */
    record Fields(long minute, long hour, long dayOfMonth, long month, long dayOfWeek) implements CronSchedule {

        @Override
        public Optional<Instant> next(Instant after, ZoneId zone) {
            // robfig's search: from the next whole minute, advance the first field that does not
            // match (resetting the finer ones), and start over when a field wraps around
            ZonedDateTime t = after.atZone(zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            int yearLimit = t.getYear() + 5;
            boolean added = false;
            wrap:
            while (t.getYear() <= yearLimit) {
                while (!has(month, t.getMonthValue())) {
                    if (!added) {
                        added = true;
                        t = t.toLocalDate().withDayOfMonth(1).atStartOfDay(zone);
                    }
                    t = t.plusMonths(1);
                    if (t.getMonthValue() == 1) {
                        continue wrap;
                    }
                }
                while (!dayMatches(t)) {
                    if (!added) {
                        added = true;
                        t = t.toLocalDate().atStartOfDay(zone);
                    }
                    t = t.toLocalDate().plusDays(1).atStartOfDay(zone);
                    if (t.getDayOfMonth() == 1) {
                        continue wrap;
                    }
                }
                while (!has(hour, t.getHour())) {
                    if (!added) {
                        added = true;
                        t = t.truncatedTo(ChronoUnit.HOURS);
                    }
                    t = t.plusHours(1);
                    if (t.getHour() == 0) {
                        continue wrap;
                    }
                }
                while (!has(minute, t.getMinute())) {
                    if (!added) {
                        added = true;
                        t = t.truncatedTo(ChronoUnit.MINUTES);
                    }
                    t = t.plusMinutes(1);
                    if (t.getMinute() == 0) {
                        continue wrap;
                    }
                }
                return Optional.of(t.toInstant());
            }
            return Optional.empty();
        }

        private boolean dayMatches(ZonedDateTime t) {
            boolean dom = has(dayOfMonth, t.getDayOfMonth());
            boolean dow = has(dayOfWeek, t.getDayOfWeek().getValue() % 7);
            if ((dayOfMonth & Field.STAR) != 0 || (dayOfWeek & Field.STAR) != 0) {
                return dom && dow;
            }
            return dom || dow;
        }

        private static boolean has(long bits, int value) {
            return (bits & (1L << value)) != 0;
        }
    }

    /**
     * {@code @every <duration>}: every {@code period} after the last activation (whole seconds,
     * at least one), whatever the calendar says.
     */
    record Every(Duration period) implements CronSchedule {

        static Every of(Duration duration) {
            Duration d = duration.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : duration;
            return new Every(Duration.ofSeconds(d.getSeconds()));
        }

        @Override
        public Optional<Instant> next(Instant after, ZoneId zone) {
            return Optional.of(after.truncatedTo(ChronoUnit.SECONDS).plus(period));
        }
    }

    /** The five fields' bounds and names. */
    enum Field {
        MINUTE(0, 59, Map.of()),
        HOUR(0, 23, Map.of()),
        DAY_OF_MONTH(1, 31, Map.of()),
        MONTH(1, 12, names(List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)),
        DAY_OF_WEEK(0, 6, names(List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat"), 0));

        /** Set on a field written as {@code *} or {@code ?}; above every value bit. */
        static final long STAR = 1L << 63;

        private final int min;
        private final int max;
        private final Map<String, Integer> names;

        Field(int min, int max, Map<String, Integer> names) {
            this.min = min;
            this.max = max;
            this.names = names;
        }

        long all() {
            return bits(min, max, 1) | STAR;
        }

        long parse(String field) {
            long bits = 0;
            for (String expr : field.split(",")) {
                if (!expr.isEmpty()) {
                    bits |= range(expr);
                }
            }
            return bits;
        }

        private long range(String expr) {
            String[] rangeAndStep = expr.split("/", -1);
            String[] lowAndHigh = rangeAndStep[0].split("-", -1);
            long start;
            long end;
            long extra = 0;
            if (lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?")) {
                start = min;
                end = max;
                extra = STAR;
            } else {
                start = intOrName(lowAndHigh[0]);
                end = switch (lowAndHigh.length) {
                    case 1 -> start;
                    case 2 -> intOrName(lowAndHigh[1]);
                    default -> throw new CronSyntaxException("too many hyphens: " + expr);
                };
            }
            long step = 1;
            switch (rangeAndStep.length) {
                case 1 -> {
                }
                case 2 -> {
                    step = positiveInt(rangeAndStep[1]);
                    if (lowAndHigh.length == 1) {
                        end = max;
                    }
                    if (step > 1) {
                        extra = 0;
                    }
                }
                default -> throw new CronSyntaxException("too many slashes: " + expr);
            }
            if (start < min) {
                throw new CronSyntaxException("beginning of range (" + start + ") below minimum (" + min + "): " + expr);
            }
            if (end > max) {
                throw new CronSyntaxException("end of range (" + end + ") above maximum (" + max + "): " + expr);
            }
            if (start > end) {
                throw new CronSyntaxException("beginning of range (" + start + ") beyond end of range (" + end + "): " + expr);
            }
            if (step == 0) {
                throw new CronSyntaxException("step of range should be a positive number: " + expr);
            }
            return bits((int) start, (int) end, (int) step) | extra;
        }

        private long intOrName(String expr) {
            Integer named = names.get(expr.toLowerCase(Locale.ROOT));
            return named != null ? named : positiveInt(expr);
        }

        /** Go's {@code strconv.Atoi}, then robfig's refusal of negative numbers, with their messages. */
        private static long positiveInt(String expr) {
            long num;
            try {
                if (!expr.matches("[+-]?[0-9]+")) {
                    throw new NumberFormatException();
                }
                num = Long.parseLong(expr.startsWith("+") ? expr.substring(1) : expr);
            } catch (NumberFormatException e) {
                String reason = expr.matches("[+-]?[0-9]+") ? "value out of range" : "invalid syntax";
                throw new CronSyntaxException("failed to parse int from " + expr + ": strconv.Atoi: parsing \""
                        + expr + "\": " + reason);
            }
            if (num < 0) {
                throw new CronSyntaxException("negative number (" + num + ") not allowed: " + expr);
            }
            return num;
        }

        private static long bits(int start, int end, int step) {
            long bits = 0;
            for (int i = start; i <= end; i += step) {
                bits |= 1L << i;
            }
            return bits;
        }

        private static Map<String, Integer> names(List<String> names, int first) {
            Map<String, Integer> m = new java.util.HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                m.put(names.get(i), first + i);
            }
            return Map.copyOf(m);
        }
    }
}
