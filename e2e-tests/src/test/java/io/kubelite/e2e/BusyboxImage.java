package io.kubelite.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The workload image of the node tests, made without a registry: the busybox-static binary plus
 * one symlink per applet, imported into the shared Docker engine with {@code docker import}
 * (CMD sh). Built once, when the engine lacks it.
 */
final class BusyboxImage {

    static final String NAME = "kubelite/busybox:1.35";

    private BusyboxImage() {
    }

    static synchronized String ensure() {
        if (run("docker", "image", "inspect", NAME).code == 0) {
            return NAME;
        }
        String script = """
                set -e
                dir=$(mktemp -d)
                mkdir -p "$dir/bin" "$dir/tmp" "$dir/etc" "$dir/var/www" "$dir/root"
                chmod 1777 "$dir/tmp"
                cp /bin/busybox "$dir/bin/busybox"
                for applet in $(/bin/busybox --list); do
                  [ "$applet" = busybox ] || ln -s busybox "$dir/bin/$applet"
                done
                echo 'root:x:0:0:root:/root:/bin/sh' > "$dir/etc/passwd"
                tar -C "$dir" -c . | docker import --change 'CMD ["sh"]' - %s
                rm -rf "$dir"
                """.formatted(NAME);
        Result r = run("bash", "-c", script);
        if (r.code != 0) {
            throw new IllegalStateException("could not build " + NAME + " (is busybox-static installed?):\n" + r.output);
        }
        return NAME;
    }

    private record Result(int code, String output) {
    }

    private static Result run(String... command) {
        try {
            Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, out);
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
