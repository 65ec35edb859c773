package io.kubelite.nodeagent.proxy;

import io.kubelite.nodeagent.proxy.ProxyRules.Backend;
import io.kubelite.nodeagent.proxy.ProxyRules.Listen;
import io.kubelite.nodeagent.proxy.ProxyRules.Route;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UDP address of a Service port (a DNS Service's, typically). Each client address (its IP and
 * port) is a session with one backend: its datagrams go there from a socket of the session's own,
 * and the backend's answers come back to the client from the Service's address, as a client that
 * checks where an answer came from (every DNS resolver) requires. A session ends after
 * {@value #IDLE_SECONDS} s without traffic, or when its backend leaves the Endpoints; at most
 * {@value #MAX_SESSIONS} are kept, the longest idle closed first.
 *
 * <p>Example: a pod at 172.17.0.4:40112 asks 10.96.0.10:53 for {@code echo.svc-proxy.svc.cluster.local};
 * the query goes to the DNS server's endpoint 127.0.0.1:10053 from a new socket, and the answer to
 * 172.17.0.4:40112 from 10.96.0.10:53.
 */
final class UdpListener implements ProxyListener {

    private static final Logger LOG = LoggerFactory.getLogger(UdpListener.class);
    static final int IDLE_SECONDS = 10;
    static final int MAX_SESSIONS = 1_024;
    private static final int MAX_DATAGRAM = 65_535;

    private record Session(SocketAddress client, Backend backend, DatagramChannel upstream, SelectionKey key) {
    }

    private final Listen listen;
    private final BackendPicker picker;
    private final Clock clock;
    private final DatagramChannel server;
    private final Selector selector;
    /** In order of last use, oldest first (access order). Only the listener's thread touches it. */
    private final Map<SocketAddress, Session> sessions = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<Session, Instant> lastUsed = new LinkedHashMap<>();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private final Thread loop;
    private volatile Route pending;

    /** Binds at once: a taken port is an IOException here. */
    UdpListener(Listen listen, Route route, Clock clock, ConnectionPolicy policy) throws IOException {
        this.listen = listen;
        this.picker = new BackendPicker(route, clock, policy, "UDP");
        this.clock = clock;
        this.selector = Selector.open();
        this.server = DatagramChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(listen.ip(), listen.port()));
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_READ);
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

    /** Applied on the listener's thread: sessions whose backend left are closed there. */
    @Override
    public void update(Route route) {
        picker.update(route);
        pending = route;
        selector.wakeup();
    }

    private void run() {
        try {
            while (server.isOpen()) {
                selector.select(1_000);
                Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                while (ready.hasNext()) {
                    SelectionKey key = ready.next();
                    ready.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.channel() == server) {
                        fromClient();
                    } else {
                        fromBackend((Session) key.attachment());
                    }
                }
                Route changed = pending;
                if (changed != null) {
                    pending = null;
                    sessions.values().stream().filter(s -> !changed.backends().contains(s.backend())).toList()
                            .forEach(this::end);
                }
                expireIdle();
            }
        } catch (ClosedSelectorException closed) {
            // closed: the loop ends
        } catch (IOException e) {
            if (server.isOpen()) {
                LOG.atWarn().addKeyValue("listen", listen).log("UDP proxy stopped: " + e.getMessage());
            }
        } finally {
            List.copyOf(sessions.values()).forEach(this::end);
        }
    }

    private void fromClient() throws IOException {
        buffer.clear();
        SocketAddress client = server.receive(buffer);
        if (client == null) {
            return;
        }
        buffer.flip();
        Session session = sessions.get(client);
        if (session == null) {
            session = open(client);
            if (session == null) {
                return;
            }
        }
        try {
            session.upstream().write(buffer);
            lastUsed.put(session, clock.instant());
        } catch (IOException e) {
            end(session);
        }
    }

    private Session open(SocketAddress client) throws IOException {
        String clientIp = ((InetSocketAddress) client).getAddress().getHostAddress();
        List<Backend> order = picker.order(clientIp);
        if (order.isEmpty()) {
            return null;
        }
        if (sessions.size() >= MAX_SESSIONS) {
            end(sessions.values().iterator().next());
        }
        Backend backend = order.get(0);
        DatagramChannel upstream = DatagramChannel.open();
        try {
            upstream.connect(new InetSocketAddress(backend.ip(), backend.port()));
            upstream.configureBlocking(false);
            SelectionKey key = upstream.register(selector, SelectionKey.OP_READ);
            Session session = new Session(client, backend, upstream, key);
            key.attach(session);
            sessions.put(client, session);
            lastUsed.put(session, clock.instant());
            picker.connected(clientIp, backend);
            return session;
        } catch (IOException | RuntimeException e) {
            upstream.close();
            LOG.atDebug().addKeyValue("listen", listen).addKeyValue("backend", backend).log("No session: " + e.getMessage());
            return null;
        }
    }

    private void fromBackend(Session session) {
        try {
            buffer.clear();
            if (session.upstream().read(buffer) < 0) {
                end(session);
                return;
            }
            buffer.flip();
            server.send(buffer, session.client());
            lastUsed.put(session, clock.instant());
        } catch (IOException e) {
            // the backend's port is closed (ICMP port unreachable) or the client went away
            end(session);
        }
    }

    private void expireIdle() {
        Instant cutoff = clock.instant().minus(Duration.ofSeconds(IDLE_SECONDS));
        lastUsed.entrySet().stream().filter(e -> e.getValue().isBefore(cutoff)).map(Map.Entry::getKey).toList()
                .forEach(this::end);
    }

    private void end(Session session) {
        sessions.remove(session.client());
        lastUsed.remove(session);
        session.key().cancel();
        try {
            session.upstream().close();
        } catch (IOException ignored) {
            // closing a datagram socket releases it whatever the error
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            selector.close();
        } catch (IOException e) {
            LOG.atWarn().addKeyValue("listen", listen).log("Closing the UDP listener failed: " + e.getMessage());
        }
    }
}
