package io.kubelite.nodeagent.streaming;

import io.kubelite.machinery.remotecommand.StreamProtocol;
import io.kubelite.nodeagent.runtime.ContainerRuntime.ExecSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * One exec connection: once the WebSocket is open, the command's output is copied to the
 * stdout/stderr channels on a thread of its own; the client's messages feed stdin, resize the
 * terminal, or (v5) close stdin. When the command ends, its exit status goes on the error channel
 * and the connection closes normally; when the client goes first, the command is detached.
 */
final class ExecSessionHandler extends AbstractWebSocketHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ExecSessionHandler.class);

    private final ExecSession exec;
    /** The command run; empty for an attach, which ends with Success whatever the process's exit code (as the kubelet's). */
    private final List<String> command;
    private final WebSocketChannels channels;
    private final Executor outputCopiers;

    ExecSessionHandler(ExecSession exec, List<String> command, WebSocketChannels channels, Executor outputCopiers) {
        this.exec = exec;
        this.command = command;
        this.channels = channels;
        this.outputCopiers = outputCopiers;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        session.setBinaryMessageSizeLimit(1024 * 1024);
        channels.bind(session);
        outputCopiers.execute(() -> {
            byte[] status;
            try {
                int exitCode = exec.run();
                status = StreamProtocol.exitStatus(command.isEmpty() ? 0 : exitCode, command);
            } catch (IOException | RuntimeException e) {
                status = StreamProtocol.failureStatus("error executing command " + command + ": " + e.getMessage(),
                        "InternalError", 500);
            }
            try {
                channels.send(status);
                session.close(CloseStatus.NORMAL);
            } catch (IOException clientGone) {
                LOG.atDebug().addKeyValue("command", command).log("exec client left before the exit status");
            }
        });
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) throws IOException {
        ByteBuffer payload = message.getPayload();
        if (!payload.hasRemaining()) {
            return;
        }
        byte[] data = new byte[payload.remaining()];
        payload.get(data);
        switch (data[0]) {
            case StreamProtocol.STDIN -> exec.write(data, 1, data.length - 1);
            case StreamProtocol.RESIZE -> StreamProtocol.terminalSize(data, 1, data.length - 1)
                    .ifPresent(size -> exec.resize(size.width(), size.height()));
            case StreamProtocol.CLOSE -> {
                if (data.length > 1 && data[1] == StreamProtocol.STDIN) {
                    exec.closeStdin();
                }
            }
            default -> {
                // no other channel carries anything from the client
            }
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        exec.close();
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        exec.close();
    }
}
