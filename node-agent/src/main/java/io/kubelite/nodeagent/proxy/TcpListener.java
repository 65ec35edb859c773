package io.kubelite.nodeagent.proxy;

import io.kubelite.nodeagent.proxy.ProxyRules.Backend;
import io.kubelite.nodeagent.proxy.ProxyRules.Listen;
import io.kubelite.nodeagent.proxy.ProxyRules.Route;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP address of a Service port (its ClusterIP and port, or a NodePort): accepts connections
 * and splices each to a backend, trying the next one when a backend refuses or does not accept
 * within the connect timeout (kube-proxy's userspace mode did the same). One selector thread
 * carries every connection of the address, so a thousand idle connections cost buffers, not
 * threads. Closing the listener stops new connections; those already spliced run until either
 * side closes, as established connections survive a kube-proxy rule change.
 */
final class TcpListener implements ProxyListener {

    private static final Logger LOG = LoggerFactory.getLogger(TcpListener.class);
    private static final int BUFFER_BYTES = 16 * 1024;
    private static final long CLOSE_WAIT_MS = 2_000;
    private static final long TICK_MS = 100;

    private final Listen listen;
    private final BackendPicker picker;
    private final Duration connectTimeout;
    private final Clock clock;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final Set<Splice> splices = new HashSet<>();
    private final Thread loop;
    private final CountDownLatch serverClosed = new CountDownLatch(1);
    private volatile boolean closeRequested;
    private volatile boolean stopped;

    /** Binds at once: a taken port is an IOException here, not a silent listener that never accepts. */
    TcpListener(Listen listen, Route route, Duration connectTimeout, Clock clock, ConnectionPolicy policy)
            throws IOException {
        this.listen = listen;
        this.picker = new BackendPicker(route, clock, policy, "TCP");
        this.connectTimeout = connectTimeout;
        this.clock = clock;
        this.selector = Selector.open();
        this.server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(listen.ip(), listen.port()), 512);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            server.close();
            selector.close();
            throw e;
        }
        this.loop = new Thread(this::run, "proxy-" + listen);
        loop.setDaemon(true);
        loop.start();
    }

    @Override
    public Route route() {
        return picker.route();
    }

    @Override
    public void update(Route route) {
        picker.update(route);
    }

    /** Connections spliced now, for tests. */
    int open() {
        return splices.size();
    }

    /**
     * A client connection and its backend: a buffer per direction, each filled by one side and
     * drained into the other. A side that reaches end of stream has the other side's output shut
     * once its buffer is drained, so a client that shuts down its output (an HTTP/1.0 request,
     * {@code nc -q}) still gets the whole answer; when both directions are done both close.
     */
    private final class Splice {
        final SocketChannel client;
        final String clientIp;
        final Deque<Backend> untried;
        SocketChannel backend;
        Backend pending;
        SelectionKey clientKey;
        SelectionKey backendKey;
        long connectDeadline;
        boolean connected;
        final ByteBuffer toBackend = ByteBuffer.allocate(BUFFER_BYTES);
        final ByteBuffer toClient = ByteBuffer.allocate(BUFFER_BYTES);
        boolean clientEof;
        boolean backendEof;
        boolean backendShut;
        boolean clientShut;

        Splice(SocketChannel client, String clientIp, List<Backend> order) {
            this.client = client;
            this.clientIp = clientIp;
            this.untried = new ArrayDeque<>(order);
        }

        /** Starts connecting to the next untried backend; false when none is left. */
        boolean connectNext() throws IOException {
            closeBackend();
            while (!untried.isEmpty()) {
                Backend next = untried.poll();
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                try {
                    backend = channel;
                    if (channel.connect(new InetSocketAddress(next.ip(), next.port()))) {
                        backendKey = channel.register(selector, 0, this);
                        connected(next);
                    } else {
                        backendKey = channel.register(selector, SelectionKey.OP_CONNECT, this);
                        connectDeadline = clock.millis() + connectTimeout.toMillis();
                        pending = next;
                    }
                    return true;
                } catch (IOException e) {
                    refused(next, e);
                    closeBackend();
                }
            }
            return false;
        }

        void finishConnect() throws IOException {
            try {
                if (backend.finishConnect()) {
                    connected(pending);
                }
            } catch (IOException e) {
                refused(pending, e);
                if (!connectNext()) {
                    giveUp();
                }
            }
        }

        void connected(Backend b) throws IOException {
            connected = true;
            picker.connected(clientIp, b);
            clientKey = client.register(selector, 0, this);
            interest();
        }

        void refused(Backend b, IOException e) {
            LOG.atDebug().addKeyValue("service", picker.route().service()).addKeyValue("backend", b)
                    .log("Backend did not accept: " + e.getMessage());
        }

        void giveUp() {
            LOG.atWarn().addKeyValue("service", picker.route().service()).addKeyValue("listen", listen)
                    .addKeyValue("client", clientIp).log("No backend of the Service accepted the connection; closing it");
            close();
        }

        /** Moves what can be moved in both directions, then says what to wait for. */
        void pump() throws IOException {
            if (!clientEof && toBackend.hasRemaining() && client.read(toBackend) < 0) {
                clientEof = true;
            }
            if (!backendEof && toClient.hasRemaining() && backend.read(toClient) < 0) {
                backendEof = true;
            }
            drain(toBackend, backend);
            drain(toClient, client);
            if (clientEof && toBackend.position() == 0 && !backendShut) {
                backend.shutdownOutput();
                backendShut = true;
            }
            if (backendEof && toClient.position() == 0 && !clientShut) {
                client.shutdownOutput();
                clientShut = true;
            }
            if (backendShut && clientShut) {
                close();
                return;
            }
            interest();
        }

        private void drain(ByteBuffer buffer, SocketChannel to) throws IOException {
            if (buffer.position() == 0) {
                return;
            }
            buffer.flip();
            to.write(buffer);
            buffer.compact();
        }

        void interest() {
            int c = 0;
            int b = 0;
            if (!clientEof && toBackend.hasRemaining()) {
                c |= SelectionKey.OP_READ;
            }
            if (toClient.position() > 0) {
                c |= SelectionKey.OP_WRITE;
            }
            if (!backendEof && toClient.hasRemaining()) {
                b |= SelectionKey.OP_READ;
            }
            if (toBackend.position() > 0) {
                b |= SelectionKey.OP_WRITE;
            }
            clientKey.interestOps(c);
            backendKey.interestOps(b);
        }

        private void closeBackend() {
            if (backendKey != null) {
                backendKey.cancel();
                backendKey = null;
            }
            if (backend != null) {
                closeQuietly(backend);
                backend = null;
            }
        }

        void close() {
            splices.remove(this);
            if (clientKey != null) {
                clientKey.cancel();
            }
            closeBackend();
            closeQuietly(client);
        }
    }

    private void run() {
        try {
            while (!stopped && (server.isOpen() || !splices.isEmpty())) {
                if (closeRequested && server.isOpen()) {
                    closeServer();
                }
                selector.select(TICK_MS);
                Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                while (ready.hasNext()) {
                    SelectionKey key = ready.next();
                    ready.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.channel() == server) {
                        accept();
                        continue;
                    }
                    Splice splice = (Splice) key.attachment();
                    try {
                        if (key.isConnectable()) {
                            splice.finishConnect();
                        } else if (splice.connected) {
                            splice.pump();
                        }
                    } catch (IOException | RuntimeException e) {
                        splice.close();
                    }
                }
                connectTimeouts();
            }
        } catch (ClosedSelectorException | IOException stopping) {
            // the listener was terminated
        } finally {
            new ArrayList<>(splices).forEach(Splice::close);
            closeQuietly(server);
            closeQuietly(selector);
            serverClosed.countDown();
        }
    }

    /**
     * On the loop's thread: a channel registered with a selector is only really closed once the
     * selector has dropped its key, so the key goes first and a selectNow flushes it — after this,
     * a connection to the address is refused.
     */
    private void closeServer() throws IOException {
        SelectionKey key = server.keyFor(selector);
        if (key != null) {
            key.cancel();
        }
        server.close();
        selector.selectNow();
        serverClosed.countDown();
    }

    private void accept() {
        SocketChannel client;
        try {
            client = server.accept();
            if (client == null) {
                return;
            }
            client.configureBlocking(false);
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            String clientIp = ((InetSocketAddress) client.getRemoteAddress()).getAddress().getHostAddress();
            List<Backend> order = picker.order(clientIp);
            if (order.isEmpty() && !picker.route().backends().isEmpty()) {
                refuse(client, clientIp);
                return;
            }
            Splice splice = new Splice(client, clientIp, order);
            splices.add(splice);
            if (!splice.connectNext()) {
                splice.giveUp();
            }
        } catch (IOException e) {
            LOG.atWarn().addKeyValue("listen", listen).log("Accept failed: " + e.getMessage());
        }
    }

    /**
     * A client the NetworkPolicies keep from every backend: reset, as the packet filter answers a
     * refused pod-to-pod connection, so it fails at once.
     */
    private void refuse(SocketChannel client, String clientIp) {
        LOG.atDebug().addKeyValue("service", picker.route().service()).addKeyValue("client", clientIp)
                .log("NetworkPolicy allows the client no backend of the Service; resetting the connection");
        try {
            client.setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException e) {
            // closed anyway below
        }
        closeQuietly(client);
    }

    /** Backends that did not accept within the connect timeout: on to the next one. */
    private void connectTimeouts() throws IOException {
        long now = clock.millis();
        for (Splice s : new ArrayList<>(splices)) {
            if (!s.connected && s.backend != null && now >= s.connectDeadline) {
                s.refused(s.pending, new IOException("no answer within " + connectTimeout.toMillis() + " ms"));
                if (!s.connectNext()) {
                    s.giveUp();
                }
            }
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // already closed or reset: nothing left to release
        }
    }

    /** Stops accepting before it returns; connections already spliced go on until they end. */
    @Override
    public void close() {
        closeRequested = true;
        selector.wakeup();
        awaitServerClosed();
    }

    /** Stops accepting and cuts every connection (the proxy is shutting down). */
    @Override
    public void terminate() {
        closeRequested = true;
        stopped = true;
        selector.wakeup();
        awaitServerClosed();
        try {
            loop.join(CLOSE_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitServerClosed() {
        try {
            if (!serverClosed.await(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS)) {
                LOG.atWarn().addKeyValue("listen", listen).log("The listener's thread did not close its socket within "
                        + CLOSE_WAIT_MS + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
