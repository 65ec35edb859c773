package io.kubelite.objectstore.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * A watch served over WebSocket, as kube-apiserver serves a watch request that asks for an
 * upgrade (the fabric8 client's {@code watch()} does): the same events as the streamed response,
 * one text message per event. The stream runs on its own thread from the moment the connection
 * is open; the connection is closed when the stream ends (timeoutSeconds, an expired
 * resourceVersion), and the stream is stopped when the client closes.
 */
final class WatchOverWebSocket extends AbstractWebSocketHandler {

    private final StreamingResponseBody events;
    private final Executor executor;
    /** The thread running the stream, and whether the client has closed; guarded by {@code this}. */
    private Thread streaming;
    private boolean clientClosed;

    WatchOverWebSocket(StreamingResponseBody events, Executor executor) {
        this.events = events;
        this.executor = executor;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        executor.execute(() -> {
            synchronized (this) {
                if (clientClosed) {
                    return;
                }
                streaming = Thread.currentThread();
            }
            try {
                events.writeTo(new MessagePerLine(session));
            } catch (IOException | RuntimeException clientGoneOrFailed) {
                // the client left, or the stream failed after the upgrade; either way it ends here
            } finally {
                synchronized (this) {
                    streaming = null;
                    // a close that came as the stream ended must not reach the pool's next task
                    Thread.interrupted();
                }
                try {
                    session.close(CloseStatus.NORMAL);
                } catch (IOException alreadyClosed) {
                    // nothing left to close
                }
            }
        });
    }

    @Override
    public synchronized void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        clientClosed = true;
        if (streaming != null) {
            // wakes the stream from its wait for the next change
            streaming.interrupt();
        }
    }

    /** Sends each line written to it (one JSON event) as one text message, when it is flushed. */
    static final class MessagePerLine extends OutputStream {
        private final WebSocketSession session;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        MessagePerLine(WebSocketSession session) {
            this.session = session;
        }

        @Override
        public void write(int b) {
            pending.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            pending.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            byte[] bytes = pending.toByteArray();
            int start = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    if (i > start) {
                        session.sendMessage(new TextMessage(new String(bytes, start, i - start, StandardCharsets.UTF_8)));
                    }
                    start = i + 1;
                }
            }
            pending.reset();
            pending.write(bytes, start, bytes.length - start);
        }
    }
}
