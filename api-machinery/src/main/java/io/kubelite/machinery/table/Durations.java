package io.kubelite.machinery.table;

import java.time.Duration;

/**
 * Kubernetes' {@code duration.HumanDuration}: about two significant figures, with more
 * precision for young objects. Worked examples: 119 s prints {@code 119s}, 150 s
 * {@code 2m30s}, 10 min {@code 10m}, 3 h 5 min {@code 3h5m}, 9 h {@code 9h}, 51 h
 * {@code 2d3h}, 45 days {@code 45d}, 740 days {@code 2y10d}, 9 years {@code 9y}.
 */
public final class Durations {

    private static final long DAY_HOURS = 24;
    private static final long YEAR_HOURS = DAY_HOURS * 365;

    private Durations() {
    }

    /**
     * Formats {@code d}. Up to one second in the future counts as {@code 0s} to tolerate clock
     * skew between machines; anything further ahead is {@code <invalid>}.
     */
    public static String human(Duration d) {
        long seconds = truncatedSeconds(d);
        if (seconds < -1) {
            return "<invalid>";
        }
        if (seconds < 0) {
            return "0s";
        }
        if (seconds < 2 * 60) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            return withRemainder(minutes, "m", seconds % 60, "s");
        }
        if (minutes < 3 * 60) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            return withRemainder(hours, "h", minutes % 60, "m");
        }
        if (hours < 2 * DAY_HOURS) {
            return hours + "h";
        }
        if (hours < 8 * DAY_HOURS) {
            return withRemainder(hours / DAY_HOURS, "d", hours % DAY_HOURS, "h");
        }
        if (hours < 2 * YEAR_HOURS) {
            return hours / DAY_HOURS + "d";
        }
        if (hours < 8 * YEAR_HOURS) {
            return withRemainder(hours / YEAR_HOURS, "y", (hours / DAY_HOURS) % 365, "d");
        }
        return hours / YEAR_HOURS + "y";
    }

    private static String withRemainder(long major, String majorUnit, long minor, String minorUnit) {
        return minor == 0 ? major + majorUnit : major + majorUnit + minor + minorUnit;
    }

    /** Whole seconds rounded towards zero, as Go's {@code int(d.Seconds())}. */
    private static long truncatedSeconds(Duration d) {
        return d.isNegative() && d.getNano() > 0 ? d.getSeconds() + 1 : d.getSeconds();
    }
}
