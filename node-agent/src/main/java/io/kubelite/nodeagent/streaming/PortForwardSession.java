package io.kubelite.nodeagent.streaming;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.DefaultSpdyRstStreamFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * One {@code kubectl port-forward} connection: SPDY/3.1 frames inside WebSocket binary messages,
 * decoded and encoded by Netty's SPDY codec (header blocks compressed with SPDY's dictionary).
 * For each forwarded TCP connection the client opens two streams with the headers
 * {@code streamtype} (error or data), {@code port} and {@code requestid}; both are accepted
 * (SYN_REPLY), the data stream is joined to a TCP connection to the pod's port (what the client
 * sends is written to it, what the pod answers comes back as data frames, a FIN half-closes), and
 * a port that cannot be reached is reported on the error stream in the kubelet's words. PINGs are
 * answered. Nothing of the SPDY session's flow control is enforced, as the Go client enforces none.
 */
final class PortForwardSession extends AbstractWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(PortForwardSession.class);
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int CHUNK = 32 * 1024;

    /** One forwarded connection: its two streams and, once connected, the pod's socket. */
    private static final class Forward {
        int errorStream;
        int dataStream;
        int port;
        Socket socket;
    }

    private final String pod;
    private final InetAddress podIp;
    private final ExecutorService copiers;
    /** The codec is not thread-safe and the WebSocket takes one message at a time: both are used under this lock. */
    private final Object lock = new Object();
    private final EmbeddedChannel codec = new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
    private final Map<String, Forward> byRequest = new HashMap<>();
    private final Map<Integer, Forward> byStream = new HashMap<>();
    private volatile WebSocketSession session;

    PortForwardSession(String pod, InetAddress podIp, ExecutorService copiers) {
        this.pod = pod;
        this.podIp = podIp;
        this.copiers = copiers;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        this.session = session;
        session.setBinaryMessageSizeLimit(4 * 1024 * 1024);
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) throws IOException {
        List<Object> frames = new ArrayList<>();
        synchronized (lock) {
            codec.writeInbound(Unpooled.wrappedBuffer(message.getPayload()));
            for (Object frame; (frame = codec.readInbound()) != null; ) {
                frames.add(frame);
            }
        }
        for (Object frame : frames) {
            handle(frame);
        }
    }

    private void handle(Object frame) throws IOException {
        if (frame instanceof SpdySynStreamFrame syn) {
            opened(syn);
        } else if (frame instanceof SpdyDataFrame data) {
            try {
                received(data);
            } finally {
                data.release();
            }
        } else if (frame instanceof SpdyRstStreamFrame rst) {
            Forward f = byStream.get(rst.streamId());
            if (f != null) {
                closeSocket(f);
            }
        } else if (frame instanceof SpdyPingFrame ping) {
            send(new DefaultSpdyPingFrame(ping.id()));
        } else if (frame instanceof SpdyGoAwayFrame) {
            session.close(CloseStatus.NORMAL);
        }
        // SETTINGS, WINDOW_UPDATE and HEADERS frames carry nothing this side acts on
    }

    /** A stream the client opened: accept it; once a request has both streams, connect its data stream. */
    private void opened(SpdySynStreamFrame syn) throws IOException {
        int id = syn.streamId();
        String type = syn.headers().getAsString("streamtype");
        String request = syn.headers().getAsString("requestid");
        String port = syn.headers().getAsString("port");
        // The reply carries the stream's own headers back: Netty writes no header block at all for
        // none, and the Go client cannot read a reply without one.
        DefaultSpdySynReplyFrame reply = new DefaultSpdySynReplyFrame(id);
        syn.headers().forEach(h -> reply.headers().add(h.getKey(), h.getValue()));
        send(reply);
        Forward f = byRequest.computeIfAbsent(request == null ? "stream-" + id : request, r -> new Forward());
        byStream.put(id, f);
        try {
            f.port = Integer.parseInt(port == null ? "" : port);
        } catch (NumberFormatException e) {
            send(new DefaultSpdyRstStreamFrame(id, SpdyStreamStatus.PROTOCOL_ERROR));
            return;
        }
        if ("error".equals(type)) {
            f.errorStream = id;
        } else if ("data".equals(type)) {
            f.dataStream = id;
        } else {
            send(new DefaultSpdyRstStreamFrame(id, SpdyStreamStatus.PROTOCOL_ERROR));
            return;
        }
        if (f.dataStream != 0 && f.errorStream != 0) {
            connect(f);
        }
    }

    private void connect(Forward f) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(podIp, f.port), CONNECT_TIMEOUT_MS);
        } catch (IOException e) {
            String message = "error forwarding port " + f.port + " to pod " + pod + ": failed to connect to "
                    + podIp.getHostAddress() + ":" + f.port + ": " + e.getMessage();
            send(new DefaultSpdyDataFrame(f.errorStream, Unpooled.copiedBuffer(message, StandardCharsets.UTF_8)));
            send(fin(f.errorStream));
            send(fin(f.dataStream));
            socket.close();
            return;
        }
        f.socket = socket;
        copiers.execute(() -> copyFromPod(f, socket));
    }

    /** What the pod sends, as data frames; its end of stream as the data stream's FIN. */
    private void copyFromPod(Forward f, Socket socket) {
        byte[] buffer = new byte[CHUNK];
        try (InputStream in = socket.getInputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (n > 0) {
                    send(new DefaultSpdyDataFrame(f.dataStream, Unpooled.copiedBuffer(buffer, 0, n)));
                }
            }
        } catch (IOException e) {
            log.debug("port-forward to {}:{} ended: {}", pod, f.port, e.toString());
        }
        // both streams end with the connection, as the kubelet closes them: the client waits for
        // the error stream's end before it takes the forwarded connection as done
        try {
            send(fin(f.dataStream));
            send(fin(f.errorStream));
        } catch (IOException e) {
            log.debug("port-forward to {}:{}: the client is gone: {}", pod, f.port, e.toString());
        }
    }

    /** What the client sends on a data stream goes to the pod; its FIN half-closes the connection. */
    private void received(SpdyDataFrame data) throws IOException {
        Forward f = byStream.get(data.streamId());
        if (f == null || data.streamId() != f.dataStream || f.socket == null) {
            return; // the error stream is the client's to read, and it closes its end at once
        }
        if (f.socket.isClosed()) {
            return; // the pod closed it; the client learns it from the data stream's end
        }
        try {
            ByteBuf content = data.content();
            if (content.isReadable()) {
                OutputStream out = f.socket.getOutputStream();
                out.write(ByteBufUtil.getBytes(content));
                out.flush();
            }
            if (data.isLast() && !f.socket.isOutputShutdown()) {
                f.socket.shutdownOutput();
            }
        } catch (IOException e) {
            // one forwarded connection failing ends that connection, not the session
            log.debug("port-forward to {}:{}: writing to the pod failed: {}", pod, f.port, e.toString());
            closeSocket(f);
            send(new DefaultSpdyRstStreamFrame(f.dataStream, SpdyStreamStatus.CANCEL));
        }
    }

    /** An empty data frame that ends the stream (FLAG_FIN). */
    private static SpdyDataFrame fin(int streamId) {
        return new DefaultSpdyDataFrame(streamId).setLast(true);
    }

    private void send(Object frame) throws IOException {
        synchronized (lock) {
            codec.writeOutbound(frame);
            for (ByteBuf out; (out = codec.readOutbound()) != null; ) {
                try {
                    WebSocketSession s = session;
                    if (s != null && s.isOpen()) {
                        s.sendMessage(new BinaryMessage(ByteBufUtil.getBytes(out)));
                    }
                } finally {
                    out.release();
                }
            }
        }
    }

    private static void closeSocket(Forward f) {
        if (f.socket != null) {
            try {
                f.socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        afterConnectionClosed(session, CloseStatus.SERVER_ERROR);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        synchronized (lock) {
            byRequest.values().forEach(PortForwardSession::closeSocket);
            codec.finishAndReleaseAll();
        }
    }
}
