package io.kubelite.nodeagent.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.exception.DockerException;
import io.kubelite.nodeagent.runtime.ContainerRuntime.ExecException;
import io.kubelite.nodeagent.runtime.ContainerRuntime.ExecSession;
import io.kubelite.nodeagent.runtime.ContainerRuntime.ExecStreams;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code docker exec -i -t} on the Engine API: the exec instance is created through docker-java,
 * and started here on a socket of its own ({@code POST /exec/{id}/start} with
 * {@code Upgrade: tcp}), because the user's stdin must be able to end — the engine passes end of
 * file to the command only when the client half-closes the connection, which docker-java's
 * hijacked streams never do ({@code echo hi | kubectl exec -i p -- cat} would hang).
 *
 * <p>{@link #attachToContainer} attaches the same way to the container's own process
 * ({@code POST /containers/{id}/attach}): {@code kubectl attach} and {@code kubectl run -i}.
 *
 * <p>Without a TTY the engine multiplexes the output: each frame is an 8-byte header (stream
 * type 1 stdout or 2 stderr, three zero bytes, payload length as a big-endian 32-bit integer)
 * followed by the payload. With a TTY the output is the terminal's raw bytes.
 */
final class DockerExecSession implements ExecSession {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DockerClient docker;
    /** The exec instance; null when attached to the container's own process. */
    private final String execId;
    private final String containerId;
    private final SocketChannel socket;
    private final ExecStreams streams;
    /** Output the engine sent after its response headers, in the same read. */
    private final byte[] buffered;
    /**
     * Whether the client's end of stdin is kept from the engine: attached to a container whose
     * stdin is not {@code stdinOnce}, the engine would answer it by ending the output streams, so
     * piped input ({@code echo … | kubectl debug -i}) would lose what the container then prints.
     */
    private volatile boolean keepStdinOpen;

    private DockerExecSession(DockerClient docker, String execId, String containerId, SocketChannel socket,
            ExecStreams streams, byte[] buffered) {
        this.docker = docker;
        this.execId = execId;
        this.containerId = containerId;
        this.socket = socket;
        this.streams = streams;
        this.buffered = buffered;
    }

    static DockerExecSession start(DockerClient docker, URI dockerHost, String containerId, List<String> command,
            ExecStreams streams) {
        String execId;
        try {
            execId = docker.execCreateCmd(containerId).withCmd(command.toArray(String[]::new))
                    .withAttachStdin(streams.stdin())
                    .withAttachStdout(streams.stdout() != null)
                    .withAttachStderr(streams.stderr() != null && !streams.tty())
                    .withTty(streams.tty())
                    .exec().getId();
        } catch (DockerException e) {
            throw new ExecException(engineMessage(e));
        }
        byte[] body = ("{\"Detach\":false,\"Tty\":" + streams.tty() + "}").getBytes(StandardCharsets.UTF_8);
        return open(docker, dockerHost, execId, containerId, "/exec/" + execId + "/start", body, streams,
                "cannot start the command in container ");
    }

    /**
     * Sends {@code POST path} with {@code Upgrade: tcp} on a socket of its own and, once the engine
     * has answered 101, returns the session streaming over it; {@code failure} prefixes the
     * message of a connection that fails.
     */
    private static DockerExecSession open(DockerClient docker, URI dockerHost, String execId, String containerId,
            String path, byte[] body, ExecStreams streams, String failure) {
        SocketChannel socket = null;
        try {
            socket = connect(dockerHost);
            String request = "POST " + path + " HTTP/1.1\r\n"
                    + "Host: docker\r\n"
                    + (body.length > 0 ? "Content-Type: application/json\r\n" : "")
                    + "Content-Length: " + body.length + "\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Upgrade: tcp\r\n\r\n";
            writeFully(socket, request.getBytes(StandardCharsets.US_ASCII));
            writeFully(socket, body);
            byte[] rest = readResponseHead(socket);
            return new DockerExecSession(docker, execId, containerId, socket, streams, rest);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new ExecException(failure + containerId + ": " + e.getMessage());
        } catch (ExecException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    /**
     * Attaches to the running container's process: its stdin when {@code streams.stdin()} (the
     * engine ignores it unless the container was created with stdin open), its output from now on.
     * The output is a terminal's raw bytes when the container has a TTY, whatever the user asked.
     */
    static DockerExecSession attachToContainer(DockerClient docker, URI dockerHost, String containerId,
            ExecStreams requested) {
        InspectContainerResponse container;
        try {
            container = docker.inspectContainerCmd(containerId).exec();
        } catch (DockerException e) {
            throw new ExecException(engineMessage(e));
        }
        if (container.getState() == null || !Boolean.TRUE.equals(container.getState().getRunning())) {
            throw new ExecException("container " + containerId + " is not running");
        }
        boolean tty = container.getConfig() != null && Boolean.TRUE.equals(container.getConfig().getTty());
        ExecStreams streams = new ExecStreams(requested.stdin(), requested.stdout(),
                tty ? null : requested.stderr(), tty);
        String path = "/containers/" + containerId + "/attach?stream=1&stdin=" + (streams.stdin() ? 1 : 0)
                + "&stdout=" + (streams.stdout() != null ? 1 : 0) + "&stderr=" + (streams.stderr() != null ? 1 : 0);
        DockerExecSession session = open(docker, dockerHost, null, containerId, path, new byte[0], streams,
                "cannot attach to container ");
        session.keepStdinOpen = container.getConfig() == null || !Boolean.TRUE.equals(container.getConfig().getStdInOnce());
        return session;
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        if (streams.stdin()) {
            writeFully(socket, ByteBuffer.wrap(data, offset, length));
        }
    }

    @Override
    public void closeStdin() throws IOException {
        if (socket.isOpen() && !keepStdinOpen) {
            socket.shutdownOutput();
        }
    }

    @Override
    public void resize(int width, int height) {
        if (!streams.tty()) {
            return;
        }
        try {
            if (execId != null) {
                docker.resizeExecCmd(execId).withSize(height, width).exec();
            } else {
                docker.resizeContainerCmd(containerId).withSize(height, width).exec();
            }
        } catch (DockerException e) {
            // the command has ended, or the engine refuses this size: the terminal keeps its old one
        }
    }

    @Override
    public int run() throws IOException {
        OutputDemultiplexer output = new OutputDemultiplexer(streams);
        output.accept(buffered, buffered.length);
        ByteBuffer chunk = ByteBuffer.allocate(16 * 1024);
        try {
            while (socket.read(chunk.clear()) >= 0) {
                output.accept(chunk.array(), chunk.position());
            }
        } catch (IOException e) {
            if (socket.isOpen()) {
                throw e;
            }
            // closed by close(): the user went away
        } finally {
            closeQuietly(socket);
        }
        return exitCode();
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    /**
     * The engine records the exit code before it closes the exec's streams, so it is known once
     * the output has ended (as for {@link DockerRuntime#exec}); -1 if the engine has none.
     */
    private int exitCode() {
        if (execId == null) {
            return containerExitCode();
        }
        InspectExecResponse exec = docker.inspectExecCmd(execId).exec();
        return exec.getExitCodeLong() == null ? -1 : exec.getExitCodeLong().intValue();
    }

    /** An attached session's: the process's exit code once it has ended, 0 while it runs on (the user left). */
    private int containerExitCode() {
        try {
            var state = docker.inspectContainerCmd(containerId).exec().getState();
            if (state == null || Boolean.TRUE.equals(state.getRunning()) || state.getExitCodeLong() == null) {
                return 0;
            }
            return state.getExitCodeLong().intValue();
        } catch (DockerException gone) {
            return 0;
        }
    }

    private static SocketChannel connect(URI dockerHost) throws IOException {
        String scheme = dockerHost.getScheme() == null ? "" : dockerHost.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "unix" -> {
                SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                channel.connect(UnixDomainSocketAddress.of(dockerHost.getPath()));
                yield channel;
            }
            case "tcp", "http" -> SocketChannel.open(new InetSocketAddress(dockerHost.getHost(), dockerHost.getPort()));
            default -> throw new IOException("exec supports unix:// and tcp:// engine addresses, not " + dockerHost);
        };
    }

    /**
     * Reads the engine's answer up to the blank line ending its headers: {@code 101 UPGRADED}
     * starts the stream; anything else is an error whose JSON body
     * ({@code {"message":"container … is not running"}}) becomes the exception's message. Returns
     * the bytes read past the headers.
     */
    private static byte[] readResponseHead(SocketChannel socket) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        ByteBuffer chunk = ByteBuffer.allocate(4096);
        int end;
        while ((end = headerEnd(head.toByteArray())) < 0) {
            if (socket.read(chunk.clear()) < 0) {
                throw new EOFException("the engine closed the connection before answering");
            }
            head.write(chunk.array(), 0, chunk.position());
        }
        byte[] all = head.toByteArray();
        String headers = new String(all, 0, end, StandardCharsets.ISO_8859_1);
        String statusLine = headers.substring(0, headers.indexOf("\r\n"));
        String[] parts = statusLine.split(" ", 3);
        int status = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        byte[] rest = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        if (status == 101) {
            return rest;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(rest);
        while (body.size() < 64 * 1024 && socket.read(chunk.clear()) >= 0) {
            body.write(chunk.array(), 0, chunk.position());
        }
        throw new ExecException(errorMessage(body.toString(StandardCharsets.UTF_8), statusLine));
    }

    private static int headerEnd(byte[] bytes) {
        for (int i = 0; i + 3 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** {@code {"message":"…"}} → the message; otherwise the status line. */
    static String errorMessage(String body, String statusLine) {
        try {
            String message = JSON.readTree(body).path("message").asString("");
            if (!message.isEmpty()) {
                return message;
            }
        } catch (RuntimeException notJson) {
            // fall through to the status line
        }
        return "the engine answered " + statusLine;
    }

    /** docker-java's "Status 409: {"message":"…"}" → the engine's message. */
    private static String engineMessage(DockerException e) {
        String text = e.getMessage() == null ? "" : e.getMessage();
        int json = text.indexOf('{');
        return errorMessage(json < 0 ? "" : text.substring(json), "HTTP " + e.getHttpStatus());
    }

    private static void writeFully(SocketChannel socket, byte[] bytes) throws IOException {
        writeFully(socket, ByteBuffer.wrap(bytes));
    }

    private static void writeFully(SocketChannel socket, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            socket.write(buffer);
        }
    }

    private static void closeQuietly(SocketChannel socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** Splits the engine's output stream into the user's stdout and stderr; see the class comment. */
    static final class OutputDemultiplexer {
        private final ExecStreams streams;
        private final byte[] header = new byte[8];
        private int headerFilled;
        private int payloadLeft;
        private OutputStream target;

        OutputDemultiplexer(ExecStreams streams) {
            this.streams = streams;
        }

        void accept(byte[] data, int length) throws IOException {
            if (streams.tty()) {
                write(streams.stdout(), data, 0, length);
                return;
            }
            int i = 0;
            while (i < length) {
                if (payloadLeft == 0) {
                    int take = Math.min(8 - headerFilled, length - i);
                    System.arraycopy(data, i, header, headerFilled, take);
                    headerFilled += take;
                    i += take;
                    if (headerFilled == 8) {
                        headerFilled = 0;
                        payloadLeft = ByteBuffer.wrap(header, 4, 4).getInt();
                        target = header[0] == 2 ? streams.stderr() : streams.stdout();
                    }
                    continue;
                }
                int take = Math.min(payloadLeft, length - i);
                write(target, data, i, take);
                payloadLeft -= take;
                i += take;
            }
        }

        private static void write(OutputStream out, byte[] data, int offset, int length) throws IOException {
            if (out != null && length > 0) {
                out.write(data, offset, length);
                out.flush();
            }
        }
    }
}
