package io.kubelite.machinery.podsecurity;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A policy level pinned to a policy version, as a namespace label pair states it
 * ({@code enforce=restricted}, {@code enforce-version=v1.25}) and as every message prints it:
 * {@code restricted:v1.25}, {@code baseline:latest}.
 *
 * <p>The version picks which revision of each check applies. Versions newer than the newest
 * revision of any check behave as {@code latest}: with these checks {@code latest} is v1.32, so
 * {@code restricted:v1.40} evaluates exactly as {@code restricted:latest} but still prints as
 * {@code restricted:v1.40}. Older versions get the older revisions, all of which are implemented:
 * {@code restricted:v1.24} still requires Windows pods to drop ALL capabilities, {@code v1.25} no longer does.
 *
 * @param version {@code latest} or {@code v1.<minor>} without leading zeros ({@code v1.0}, {@code v1.32})
 */
public record LevelVersion(Level level, String version) {

    public static final String LATEST = "latest";

    /** The newest policy version any check has a revision for; {@code latest} evaluates as this one. */
    static final int LATEST_MINOR = 32;

    private static final Pattern VERSION = Pattern.compile("^v1\\.([0-9]|[1-9][0-9]*)$");

    public LevelVersion {
        Objects.requireNonNull(level, "level");
        if (!validVersion(version)) {
            throw new IllegalArgumentException("version " + (version == null ? "null" : "\"" + version + "\"")
                    + " must be \"latest\" or \"v1.x\"");
        }
    }

    public static LevelVersion latest(Level level) {
        return new LevelVersion(level, LATEST);
    }

    /**
     * Whether a label value names a policy version, as kube's {@code ParseVersion} decides:
     * {@code latest}, {@code v1.0} and {@code v1.32} do; {@code v1.05}, {@code 1.25} and {@code v2.0} do not.
     */
    public static boolean validVersion(String version) {
        return version != null && (LATEST.equals(version) || minorOf(version) >= 0);
    }

    /**
     * The minor version whose check revisions apply, capped at {@link #LATEST_MINOR}:
     * {@code v1.24} is 24, {@code v1.40} and {@code latest} are 32.
     */
    int effectiveMinor() {
        if (LATEST.equals(version)) {
            return LATEST_MINOR;
        }
        return (int) Math.min(minorOf(version), LATEST_MINOR);
    }

    /** The minor number of {@code v1.N}, or -1 when the text is not one (Go's int is 64 bits wide). */
    private static long minorOf(String version) {
        Matcher m = VERSION.matcher(version);
        if (!m.matches()) {
            return -1;
        }
        try {
            return Long.parseLong(m.group(1));
        } catch (NumberFormatException tooLarge) {
            return -1;
        }
    }

    /** {@code restricted:latest}, the form every PodSecurity message quotes. */
    @Override
    public String toString() {
        return level.label() + ":" + version;
    }
}
