package io.kubelite.nodeagent.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kubelite.nodeagent.proxy.ProxyRules.Affinity;
import io.kubelite.nodeagent.proxy.ProxyRules.Backend;
import io.kubelite.nodeagent.proxy.ProxyRules.Listen;
import io.kubelite.nodeagent.proxy.ProxyRules.Route;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real TCP on 127.0.0.1: backends are server sockets of this test. */
class TcpListenerTest {

    final ExecutorService clients = Executors.newFixedThreadPool(32);
    final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        clients.shutdownNow();
    }

    /** A backend that answers every connection with its name and everything the client sent, once the client's side is shut. */
    Backend backend(String name) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        open.add(server);
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    byte[] sent = s.getInputStream().readAllBytes();
                    s.getOutputStream().write((name + ":" + new String(sent, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
                } catch (IOException closed) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return new Backend("127.0.0.1", server.getLocalPort());
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    TcpListener listener(Listen listen, Backend... backends) throws IOException {
        return listener(listen, ConnectionPolicy.OPEN, backends);
    }

    TcpListener listener(Listen listen, ConnectionPolicy policy, Backend... backends) throws IOException {
        TcpListener l = new TcpListener(listen, new Route("default/webapp:80", List.of(backends), Affinity.NONE),
                Duration.ofSeconds(1), Clock.systemUTC(), policy);
        open.add(l);
        return l;
    }

    static String exchange(Listen listen, String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(listen.ip(), listen.port()), 2_000);
            s.setSoTimeout(5_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void splicesEachConnectionToTheNextBackendInTurnWithBothDirectionsWhole() throws Exception {
        Listen listen = new Listen("127.0.0.1", freePort(), "TCP");
        listener(listen, backend("a"), backend("b"));
        String big = "x".repeat(200_000);
        assertThat(exchange(listen, "one")).isEqualTo("a:one");
        assertThat(exchange(listen, "two")).isEqualTo("b:two");
        assertThat(exchange(listen, big)).isEqualTo("a:" + big);
    }

    @Test
    void carriesManyConnectionsAtOnceOnOneThreadEachWhole() throws Exception {
        Listen listen = new Listen("127.0.0.1", freePort(), "TCP");
        listener(listen, backend("a"), backend("b"));
        List<java.util.concurrent.Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String request = "request-" + i + "-" + "y".repeat(i * 100);
            answers.add(clients.submit(() -> exchange(listen, request)));
        }
        for (int i = 0; i < 200; i++) {
            assertThat(answers.get(i).get(20, java.util.concurrent.TimeUnit.SECONDS))
                    .matches("[ab]:request-" + i + "-y*").hasSize(2 + ("request-" + i + "-").length() + i * 100);
        }
        long proxyThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("proxy-" + listen)).count();
        assertThat(proxyThreads).isEqualTo(1);
    }

    @Test
    void aConnectionUnderWayOutlivesItsListener() throws Exception {
        Listen listen = new Listen("127.0.0.1", freePort(), "TCP");
        TcpListener l = listener(listen, backend("a"));
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(listen.ip(), listen.port()), 2_000);
            s.setSoTimeout(5_000);
            s.getOutputStream().write("before".getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(5)).until(() -> l.open() == 1);
            l.close();
            s.getOutputStream().write("-after".getBytes(StandardCharsets.UTF_8));
            s.shutdownOutput();
            assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a:before-after");
        }
        assertThatThrownBy(() -> exchange(listen, "new")).isInstanceOf(ConnectException.class);
    }

    @Test
    void aClientReachesOnlyTheBackendsTheNetworkPolicyAllowsAndIsResetWhenItAllowsNone() throws Exception {
        Listen listen = new Listen("127.0.0.1", freePort(), "TCP");
        Backend allowed = backend("allowed");
        Backend denied = backend("denied");
        List<String> asked = java.util.Collections.synchronizedList(new ArrayList<>());
        listener(listen, (client, backend, protocol, port) -> {
            asked.add(client + ">" + backend + ":" + port + "/" + protocol);
            return port == allowed.port();
        }, denied, allowed);
        for (int i = 0; i < 4; i++) {
            assertThat(exchange(listen, "hi")).isEqualTo("allowed:hi");
        }
        assertThat(asked).contains("127.0.0.1>127.0.0.1:" + denied.port() + "/TCP");

        Listen closed = new Listen("127.0.0.1", freePort(), "TCP");
        listener(closed, (client, backend, protocol, port) -> false, backend("a"));
        assertThatThrownBy(() -> exchange(closed, "hi")).isInstanceOf(java.net.SocketException.class)
                .hasMessageContaining("reset");
    }

    @Test
    void skipsABackendThatRefusesTheConnection() throws Exception {
        Listen listen = new Listen("127.0.0.1", freePort(), "TCP");
        Backend dead = new Backend("127.0.0.1", freePort());
        listener(listen, dead, backend("alive"));
        for (int i = 0; i < 4; i++) {
            assertThat(exchange(listen, "hi")).isEqualTo("alive:hi");
        }
    }

    @Test
    void newBackendsApplyToTheNextConnection() throws Exception {
        Listen listen = new Listen("127.0.0.1", freePort(), "TCP");
        TcpListener l = listener(listen, backend("old"));
        assertThat(exchange(listen, "1")).isEqualTo("old:1");
        l.update(new Route("default/webapp:80", List.of(backend("new")), Affinity.NONE));
        assertThat(exchange(listen, "2")).isEqualTo("new:2");
        assertThat(exchange(listen, "3")).isEqualTo("new:3");
    }

    @Test
    void aClosedListenerRefusesConnectionsAndATakenPortIsAnErrorAtOnce() throws Exception {
        Listen listen = new Listen("127.0.0.1", freePort(), "TCP");
        TcpListener l = listener(listen, backend("a"));
        assertThatThrownBy(() -> listener(listen, backend("b"))).isInstanceOf(IOException.class);
        l.close();
        assertThatThrownBy(() -> exchange(listen, "hi")).isInstanceOf(ConnectException.class);
    }
}
