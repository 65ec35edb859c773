package io.kubelite.machinery.remotecommand;

import io.kubelite.machinery.status.FailureStatus;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The channel protocol of {@code kubectl exec} over WebSocket (Kubernetes'
 * {@code remotecommand} package, WebSocket subprotocols {@code v4.channel.k8s.io} and
 * {@code v5.channel.k8s.io}). Every binary message is one channel byte followed by that
 * channel's payload:
 *
 * <pre>
 *   0 stdin   client → server
 *   1 stdout  server → client
 *   2 stderr  server → client
 *   3 error   server → client, once: a Status, "Success" or why the command failed
 *   4 resize  client → server, {"Width":80,"Height":24} while a TTY is attached
 * 255 close   client → server (v5 only), {255, 0}: the client's stdin has ended
 * </pre>
 *
 * A command that exits 3 ends with the Status {@code reason NonZeroExitCode},
 * {@code details.causes[0] = {reason: ExitCode, message: "3"}}, from which kubectl prints
 * "command terminated with exit code 3" and exits 3 itself.
 */
public final class StreamProtocol {

    public static final String V5 = "v5.channel.k8s.io";
    public static final String V4 = "v4.channel.k8s.io";
    /** The subprotocols spoken, preferred first. */
    public static final List<String> PROTOCOLS = List.of(V5, V4);

    public static final byte STDIN = 0;
    public static final byte STDOUT = 1;
    public static final byte STDERR = 2;
    public static final byte ERROR = 3;
    public static final byte RESIZE = 4;
    public static final byte CLOSE = (byte) 255;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StreamProtocol() {
    }

    /** One message: the channel byte, then {@code length} bytes of {@code data} from {@code offset}. */
    public static byte[] frame(byte channel, byte[] data, int offset, int length) {
        byte[] message = new byte[length + 1];
        message[0] = channel;
        System.arraycopy(data, offset, message, 1, length);
        return message;
    }

    /** The error channel's message for a command that ran: Success for exit code 0. */
    public static byte[] exitStatus(int exitCode, List<String> command) {
        if (exitCode == 0) {
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("metadata", Map.of());
            status.put("status", "Success");
            return statusFrame(status);
        }
        Map<String, Object> status = FailureStatus.of("command terminated with non-zero exit code: error executing command "
                + command + ", exit code " + exitCode, "NonZeroExitCode", 0);
        status.put("details", Map.of("causes", List.of(Map.of("reason", "ExitCode", "message",
                Integer.toString(exitCode)))));
        return statusFrame(status);
    }

    /** The error channel's message for a command that could not be run at all ("container not found"). */
    public static byte[] failureStatus(String message, String reason, int code) {
        return statusFrame(FailureStatus.of(message, reason, code));
    }

    /** The terminal size a resize message carries, empty when the message is not one. */
    public static Optional<TerminalSize> terminalSize(byte[] message, int offset, int length) {
        try {
            var node = JSON.readTree(new String(message, offset, length, StandardCharsets.UTF_8));
            int width = node.path("Width").asInt(0);
            int height = node.path("Height").asInt(0);
            return width > 0 && height > 0 ? Optional.of(new TerminalSize(width, height)) : Optional.empty();
        } catch (RuntimeException notJson) {
            return Optional.empty();
        }
    }

    private static byte[] statusFrame(Map<String, Object> status) {
        byte[] json = JSON.writeValueAsBytes(status);
        return frame(ERROR, json, 0, json.length);
    }

    public record TerminalSize(int width, int height) {
    }
}
