package io.kubelite.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of named processes from Linux's /proc, so the report can say where a write's CPU goes.
 * A process counts with its children: PostgreSQL's postmaster with its backends (live ones by
 * their own time, exited ones through the postmaster's cutime/cstime). {@code machine} is the
 * busy time of all CPUs, from /proc/stat. Times are in clock ticks (USER_HZ, 100 per second).
 */
final class CpuAccounting {

    static final String MACHINE = "machine";
    static final double MILLIS_PER_TICK = 10;

    private final Map<String, List<Long>> pids;
    private final List<String> order;

    /** {@code pids}: name to the pids it sums, in report order. */
    CpuAccounting(Map<String, List<Long>> pids) {
        this.pids = Map.copyOf(pids);
        this.order = List.copyOf(pids.keySet());
    }

    List<String> names() {
        return order;
    }

    /** Ticks used so far by each named process (and its children), and by the machine; empty off Linux. */
    Map<String, Long> sample() {
        Map<String, Long> out = new LinkedHashMap<>();
        if (!Files.isReadable(Path.of("/proc/stat"))) {
            return out;
        }
        Map<Long, long[]> table = processTable();
        for (String name : order) {
            long ticks = 0;
            for (long pid : pids.get(name)) {
                for (Map.Entry<Long, long[]> e : table.entrySet()) {
                    long[] p = e.getValue(); // ppid, utime + stime, cutime + cstime
                    if (e.getKey() == pid) {
                        ticks += p[1] + p[2];
                    } else if (p[0] == pid) {
                        ticks += p[1];
                    }
                }
            }
            out.put(name, ticks);
        }
        out.put(MACHINE, machineBusyTicks());
        return out;
    }

    /** pid to {ppid, utime + stime, cutime + cstime}, from /proc/PID/stat. */
    private static Map<Long, long[]> processTable() {
        Map<Long, long[]> table = new LinkedHashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : dirs) {
                try {
                    long[] fields = statFields(Files.readString(dir.resolve("stat")));
                    table.put(Long.parseLong(dir.getFileName().toString()), fields);
                } catch (IOException | RuntimeException gone) {
                    // the process ended between listing and reading
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc: " + e.getMessage(), e);
        }
        return table;
    }

    /**
     * From a /proc/PID/stat line, {ppid, utime + stime, cutime + cstime}. The command name in
     * parentheses may itself contain spaces, so fields are counted from the last ')': after it come
     * state (3), ppid (4), ..., utime (14), stime (15), cutime (16), cstime (17).
     */
    static long[] statFields(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12]),
                Long.parseLong(f[13]) + Long.parseLong(f[14])};
    }

    /** user + nice + system + irq + softirq + steal of the "cpu" line of /proc/stat. */
    private static long machineBusyTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]) + Long.parseLong(f[8]);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/stat: " + e.getMessage(), e);
        }
    }
}
