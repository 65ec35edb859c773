package io.kubelite.nodeagent.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kubelite.nodeagent.proxy.ProxyRules.Affinity;
import io.kubelite.nodeagent.proxy.ProxyRules.Backend;
import io.kubelite.nodeagent.proxy.ProxyRules.Listen;
import io.kubelite.nodeagent.proxy.ProxyRules.Route;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real UDP on 127.0.0.1: the backends are datagram sockets of this test that answer with their name. */
class UdpListenerTest {

    final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    Backend backend(String name) throws IOException {
        DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        open.add(socket);
        Thread t = new Thread(() -> {
            byte[] in = new byte[2048];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(in, in.length);
                    socket.receive(p);
                    byte[] answer = (name + ":" + new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8);
                    socket.send(new DatagramPacket(answer, answer.length, p.getSocketAddress()));
                } catch (IOException closed) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return new Backend("127.0.0.1", socket.getLocalPort());
    }

    static int freePort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    UdpListener listener(Listen listen, Backend... backends) throws IOException {
        UdpListener l = new UdpListener(listen, new Route("kube-system/kube-dns:dns", List.of(backends), Affinity.NONE),
                Clock.systemUTC(), ConnectionPolicy.OPEN);
        open.add(l);
        return l;
    }

    /** Sends {@code text} from a new client socket; the answer and the address it came from. */
    static String[] ask(DatagramSocket client, Listen listen, String text) throws IOException {
        byte[] out = text.getBytes(StandardCharsets.UTF_8);
        client.send(new DatagramPacket(out, out.length, new InetSocketAddress(listen.ip(), listen.port())));
        byte[] in = new byte[2048];
        DatagramPacket answer = new DatagramPacket(in, in.length);
        client.receive(answer);
        return new String[] {new String(in, 0, answer.getLength(), StandardCharsets.UTF_8),
                ((InetSocketAddress) answer.getSocketAddress()).getPort() + ""};
    }

    DatagramSocket client() throws IOException {
        DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        s.setSoTimeout(3_000);
        open.add(s);
        return s;
    }

    @Test
    void answersComeBackFromTheServicesAddressAndEachClientKeepsItsBackend() throws Exception {
        Listen listen = new Listen("127.0.0.1", freePort(), "UDP");
        listener(listen, backend("a"), backend("b"));
        DatagramSocket first = client();
        DatagramSocket second = client();
        String[] one = ask(first, listen, "q1");
        assertThat(one[1]).as("the answer's source port").isEqualTo(Integer.toString(listen.port()));
        String firstBackend = one[0].substring(0, 1);
        assertThat(ask(first, listen, "q2")[0]).isEqualTo(firstBackend + ":q2");
        String[] other = ask(second, listen, "q3");
        assertThat(other[0]).as("the next client gets the next backend").isNotEqualTo(firstBackend + ":q3").endsWith(":q3");
    }

    @Test
    void aClientWhoseBackendLeftTheEndpointsGoesToTheRemainingOne() throws Exception {
        Listen listen = new Listen("127.0.0.1", freePort(), "UDP");
        Backend a = backend("a");
        Backend b = backend("b");
        UdpListener l = listener(listen, a, b);
        DatagramSocket client = client();
        String first = ask(client, listen, "x")[0].substring(0, 1);
        Backend kept = first.equals("a") ? b : a;
        l.update(new Route("kube-system/kube-dns:dns", List.of(kept), Affinity.NONE));
        String expected = first.equals("a") ? "b:y" : "a:y";
        // The update is applied on the listener's thread, and a datagram in flight as it ends the
        // session is lost, as UDP allows: ask again until the answer comes from the remaining backend.
        client.setSoTimeout(300);
        await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
                .untilAsserted(() -> assertThat(ask(client, listen, "y")[0]).isEqualTo(expected));
        assertThat(ask(client, listen, "y")[0]).isEqualTo(expected);
    }

    @Test
    void aClosedListenerAnswersNothing() throws Exception {
        Listen listen = new Listen("127.0.0.1", freePort(), "UDP");
        UdpListener l = listener(listen, backend("a"));
        DatagramSocket client = client();
        assertThat(ask(client, listen, "x")[0]).isEqualTo("a:x");
        l.close();
        client.setSoTimeout(500);
        assertThatThrownBy(() -> ask(client, listen, "y")).isInstanceOf(IOException.class)
                .satisfies(e -> assertThat(e).isInstanceOfAny(SocketTimeoutException.class, java.net.PortUnreachableException.class));
    }
}
