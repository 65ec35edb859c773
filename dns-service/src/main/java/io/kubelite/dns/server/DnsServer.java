package io.kubelite.dns.server;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;

/**
 * The cluster's DNS server on UDP and TCP: names in the cluster domain from {@link ClusterRecords},
 * authoritative; any other name sent on to the upstream resolver (the host's, by default), or
 * REFUSED when there is none. A UDP answer larger than the client takes (512 bytes, or its EDNS
 * size) is truncated with TC set, so the client asks again over TCP.
 */
public final class DnsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DnsServer.class);
    private static final int UDP_LIMIT = 512;
    private static final int TCP_LIMIT = 65_535;
    private static final Duration TCP_IDLE = Duration.ofSeconds(10);

    private final ClusterRecords records;
    private final Resolver upstream;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final ExecutorService workers = Executors.newFixedThreadPool(4, r -> daemon(r, "dns-query"));
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> daemon(r, "dns-tcp"));

    /**
     * Binds both sockets at once, so a taken port fails the start with its cause.
     *
     * @param upstream where names outside the cluster domain go; null = refuse them
     */
    public DnsServer(ClusterRecords records, Resolver upstream, String address, int port) throws IOException {
        this.records = records;
        this.upstream = upstream;
        InetAddress bind = InetAddress.getByName(address);
        Sockets sockets = bindBoth(bind, port);
        this.udp = sockets.udp();
        this.tcp = sockets.tcp();
    }

    /** UDP and TCP on one port; for port 0 the port UDP gets may be taken for TCP, so it picks again a few times. */
    private record Sockets(DatagramSocket udp, ServerSocket tcp) {
    }

    private static Sockets bindBoth(InetAddress bind, int port) throws IOException {
        int attempts = port == 0 ? ANY_PORT_ATTEMPTS : 1;
        for (int attempt = 1; ; attempt++) {
            DatagramSocket datagrams = new DatagramSocket(new InetSocketAddress(bind, port));
            try {
                return new Sockets(datagrams, new ServerSocket(datagrams.getLocalPort(), 64, bind));
            } catch (IOException e) {
                datagrams.close();
                if (attempt >= attempts) {
                    throw e;
                }
            }
        }
    }

    private static final int ANY_PORT_ATTEMPTS = 10;

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public int port() {
        return udp.getLocalPort();
    }

    public void start() {
        daemon(this::serveUdp, "dns-udp").start();
        daemon(this::serveTcp, "dns-tcp-accept").start();
        LOG.atInfo().addKeyValue("address", udp.getLocalSocketAddress()).addKeyValue("zone", records.zone())
                .addKeyValue("upstream", upstream == null ? "none" : upstream.toString()).log("DNS server listening");
    }

    private void serveUdp() {
        byte[] in = new byte[TCP_LIMIT];
        while (!udp.isClosed()) {
            DatagramPacket packet = new DatagramPacket(in, in.length);
            try {
                udp.receive(packet);
            } catch (IOException e) {
                if (!udp.isClosed()) {
                    LOG.atWarn().log("DNS receive failed: " + e.getMessage());
                }
                continue;
            }
            byte[] query = Arrays.copyOf(packet.getData(), packet.getLength());
            SocketAddress client = packet.getSocketAddress();
            try {
                workers.execute(() -> answerUdp(query, client));
            } catch (RejectedExecutionException closing) {
                return;
            }
        }
    }

    private void answerUdp(byte[] query, SocketAddress client) {
        byte[] answer = answer(query, true);
        if (answer == null) {
            return;
        }
        try {
            udp.send(new DatagramPacket(answer, answer.length, client));
        } catch (IOException e) {
            LOG.atDebug().log("DNS answer not sent to " + client + ": " + e.getMessage());
        }
    }

    private void serveTcp() {
        while (!tcp.isClosed()) {
            try {
                Socket socket = tcp.accept();
                connections.execute(() -> serveConnection(socket));
            } catch (RejectedExecutionException closing) {
                return;
            } catch (IOException e) {
                if (!tcp.isClosed()) {
                    LOG.atWarn().log("DNS accept failed: " + e.getMessage());
                }
            }
        }
    }

    /** Two-byte length, then the message, as many times as the client asks, until it closes or idles. */
    private void serveConnection(Socket socket) {
        try (socket) {
            socket.setSoTimeout((int) TCP_IDLE.toMillis());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            while (true) {
                int length = in.readUnsignedShort();
                byte[] query = in.readNBytes(length);
                if (query.length < length) {
                    return;
                }
                byte[] answer = answer(query, false);
                if (answer == null) {
                    return;
                }
                out.writeShort(answer.length);
                out.write(answer);
                out.flush();
            }
        } catch (EOFException | SocketException closed) {
            // the client is done
        } catch (IOException e) {
            LOG.atDebug().log("DNS over TCP ended: " + e.getMessage());
        }
    }

    /** The wire answer to a wire query; null for something that is not a DNS message at all. */
    byte[] answer(byte[] query, boolean overUdp) {
        Message request;
        try {
            request = new Message(query);
        } catch (IOException e) {
            return null;
        }
        int limit = overUdp ? udpLimit(request) : TCP_LIMIT;
        Message response = new Message(request.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        if (request.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        Record question = request.getQuestion();
        if (question == null || request.getHeader().getOpcode() != Opcode.QUERY) {
            response.getHeader().setRcode(question == null ? Rcode.FORMERR : Rcode.NOTIMP);
            return response.toWire(limit);
        }
        response.addRecord(question, Section.QUESTION);
        if (records.inZone(question.getName())) {
            ClusterRecords.Answer answer = records.lookup(question.getName(), question.getType());
            response.getHeader().setFlag(Flags.AA);
            response.getHeader().setRcode(answer.rcode());
            answer.records().forEach(r -> response.addRecord(r, Section.ANSWER));
            if (answer.records().isEmpty()) {
                response.addRecord(records.soa(), Section.AUTHORITY);
            }
            return response.toWire(limit);
        }
        if (upstream == null) {
            response.getHeader().setRcode(Rcode.REFUSED);
            return response.toWire(limit);
        }
        try {
            Message forwarded = upstream.send(request);
            forwarded.getHeader().setID(request.getHeader().getID());
            return forwarded.toWire(limit);
        } catch (IOException e) {
            response.getHeader().setFlag(Flags.RA);
            response.getHeader().setRcode(Rcode.SERVFAIL);
            return response.toWire(limit);
        }
    }

    private static int udpLimit(Message request) {
        OPTRecord opt = request.getOPT();
        return opt == null ? UDP_LIMIT : Math.max(UDP_LIMIT, Math.min(opt.getPayloadSize(), TCP_LIMIT));
    }

    @Override
    public void close() {
        udp.close();
        try {
            tcp.close();
        } catch (IOException e) {
            LOG.atWarn().log("Closing the DNS TCP socket failed: " + e.getMessage());
        }
        workers.shutdownNow();
        connections.shutdownNow();
    }
}
