package io.kubelite.nodeagent.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelite.nodeagent.runtime.ContainerRuntime.ExecStreams;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OutputDemultiplexerTest {

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    /** The engine's frame: stream type, three zero bytes, big-endian payload length, payload. */
    private static byte[] frame(int stream, String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + bytes.length).put((byte) stream).put(new byte[3]).putInt(bytes.length)
                .put(bytes).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.writeBytes(p);
        }
        return all.toByteArray();
    }

    /** Reads arrive in any sizes: a header or a payload may be split anywhere. */
    @ParameterizedTest(name = "read {0} bytes at a time")
    @ValueSource(ints = {1, 3, 7, 8, 9, 13, 4096})
    void splitsStdoutFromStderrWhateverTheReadSizes(int chunk) throws IOException {
        byte[] stream = concat(frame(1, "out-1\n"), frame(2, "err-1\n"), frame(1, ""), frame(1, "out-2\n"));
        DockerExecSession.OutputDemultiplexer output =
                new DockerExecSession.OutputDemultiplexer(new ExecStreams(false, stdout, stderr, false));
        for (int i = 0; i < stream.length; i += chunk) {
            int n = Math.min(chunk, stream.length - i);
            byte[] read = new byte[n];
            System.arraycopy(stream, i, read, 0, n);
            output.accept(read, n);
        }
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("out-1\nout-2\n");
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEqualTo("err-1\n");
    }

    @Test
    void withATerminalTheOutputIsPassedAsItIs() throws IOException {
        byte[] raw = "\u0001\u0000not a header\r\n".getBytes(StandardCharsets.UTF_8);
        new DockerExecSession.OutputDemultiplexer(new ExecStreams(true, stdout, null, true)).accept(raw, raw.length);
        assertThat(stdout.toByteArray()).isEqualTo(raw);
    }

    @Test
    void aStreamTheUserDidNotAttachIsDropped() throws IOException {
        byte[] stream = concat(frame(2, "err\n"), frame(1, "out\n"));
        new DockerExecSession.OutputDemultiplexer(new ExecStreams(false, stdout, null, false)).accept(stream, stream.length);
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("out\n");
    }

    @Test
    void theEnginesErrorBodyBecomesTheMessage() {
        assertThat(DockerExecSession.errorMessage("{\"message\":\"container abc is not running\"}", "HTTP/1.1 409 Conflict"))
                .isEqualTo("container abc is not running");
        assertThat(DockerExecSession.errorMessage("{\"message\":\"exec: \\\"nosuch\\\": not found\"}\n", "HTTP/1.1 500 x"))
                .isEqualTo("exec: \"nosuch\": not found");
        assertThat(DockerExecSession.errorMessage("<html>", "HTTP/1.1 502 Bad Gateway"))
                .isEqualTo("the engine answered HTTP/1.1 502 Bad Gateway");
        assertThat(DockerExecSession.errorMessage("", "HTTP/1.1 500 Internal Server Error"))
                .isEqualTo("the engine answered HTTP/1.1 500 Internal Server Error");
    }
}
