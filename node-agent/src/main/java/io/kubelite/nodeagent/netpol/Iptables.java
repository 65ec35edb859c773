package io.kubelite.nodeagent.netpol;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The host's {@code filter} table, read with {@code iptables-save} and written with {@code iptables-restore --noflush}. */
public interface Iptables {

    String save() throws IOException;

    void restore(String input) throws IOException;

    /** The real commands; each waits for the xtables lock, as kube-proxy's do. */
    static Iptables host() {
        return new Iptables() {
            @Override
            public String save() throws IOException {
                return run(List.of("iptables-save", "-t", "filter"), null);
            }

            @Override
            public void restore(String input) throws IOException {
                run(List.of("iptables-restore", "-w", "5", "--noflush"), input);
            }
        };
    }

    private static String run(List<String> command, String input) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (input != null) {
            try (OutputStream in = process.getOutputStream()) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
        } else {
            process.getOutputStream().close();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within 30 s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", command) + " interrupted");
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ": " + output.strip());
        }
        return output;
    }
}
