package io.kubelite.nodeagent.proxy;

import io.kubelite.nodeagent.proxy.ProxyRules.Backend;
import io.kubelite.nodeagent.proxy.ProxyRules.Listen;
import io.kubelite.nodeagent.proxy.ProxyRules.Route;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listening address of a Service (its ClusterIP and port, or a NodePort): accepts
 * connections and splices each to a backend, trying the next one when a backend refuses or does
 * not answer within the connect timeout (kube-proxy's userspace mode did the same). Closing the
 * listener stops new connections; those already spliced run until either side closes.
 */
final class TcpListener implements ProxyListener {

    private static final Logger LOG = LoggerFactory.getLogger(TcpListener.class);
    private static final int BUFFER_BYTES = 16 * 1024;
    private static final long CLOSE_WAIT_MS = 2_000;

    private final Listen listen;
    private final BackendPicker picker;
    private final Duration connectTimeout;
    private final ExecutorService relays;
    private final ServerSocketChannel server;
    private final Thread acceptor;

    /** Binds at once: a taken port is an IOException here, not a silent listener that never accepts. */
    TcpListener(Listen listen, Route route, Duration connectTimeout, ExecutorService relays, Clock clock) throws IOException {
        this.listen = listen;
        this.picker = new BackendPicker(route, clock);
        this.connectTimeout = connectTimeout;
        this.relays = relays;
        this.server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(listen.ip(), listen.port()), 512);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        this.acceptor = new Thread(this::accept, "proxy-" + listen);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @Override
    public Route route() {
        return picker.route();
    }

    @Override
    public void update(Route route) {
        picker.update(route);
    }

    private void accept() {
        while (server.isOpen()) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (AsynchronousCloseException closed) {
                return;
            } catch (IOException e) {
                LOG.atWarn().addKeyValue("listen", listen).log("Accept failed: " + e.getMessage());
                continue;
            }
            try {
                relays.execute(() -> splice(client));
            } catch (RejectedExecutionException stopping) {
                closeQuietly(client);
            }
        }
    }

    private void splice(SocketChannel client) {
        String clientIp;
        try {
            clientIp = ((InetSocketAddress) client.getRemoteAddress()).getAddress().getHostAddress();
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        SocketChannel backend = null;
        for (Backend candidate : picker.order(clientIp)) {
            backend = connect(candidate);
            if (backend != null) {
                picker.connected(clientIp, candidate);
                break;
            }
        }
        if (backend == null) {
            LOG.atWarn().addKeyValue("service", picker.route().service()).addKeyValue("listen", listen)
                    .addKeyValue("client", clientIp).log("No backend of the Service accepted the connection; closing it");
            closeQuietly(client);
            return;
        }
        SocketChannel to = backend;
        AtomicInteger open = new AtomicInteger(2);
        try {
            relays.execute(() -> copy(to, client, open));
        } catch (RejectedExecutionException stopping) {
            closeQuietly(client);
            closeQuietly(to);
            return;
        }
        copy(client, to, open);
    }

    private SocketChannel connect(Backend backend) {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.socket().connect(new InetSocketAddress(backend.ip(), backend.port()), (int) connectTimeout.toMillis());
            return channel;
        } catch (IOException e) {
            LOG.atDebug().addKeyValue("service", picker.route().service()).addKeyValue("backend", backend)
                    .log("Backend did not accept: " + e.getMessage());
            if (channel != null) {
                closeQuietly(channel);
            }
            return null;
        }
    }

    /**
     * Copies one direction until its end of stream, then half-closes the other side, so a client
     * that shuts down its output (an HTTP/1.0 request, {@code nc -q}) still gets the whole answer.
     * The second direction to finish ({@code open} reaches 0) closes both sockets; an error in
     * either closes both at once, which ends the other direction too.
     */
    private static void copy(SocketChannel from, SocketChannel to, AtomicInteger open) {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
        if (open.decrementAndGet() == 0) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already closed or reset: nothing left to release
        }
    }

    /**
     * Stops listening before it returns: the socket is released only once the thread blocked in
     * accept has left it, so until then a connection could still be taken.
     */
    @Override
    public void close() {
        try {
            server.close();
            acceptor.join(CLOSE_WAIT_MS);
        } catch (IOException e) {
            LOG.atWarn().addKeyValue("listen", listen).log("Closing the listener failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
