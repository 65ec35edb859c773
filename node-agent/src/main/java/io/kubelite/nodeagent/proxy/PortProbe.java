package io.kubelite.nodeagent.proxy;

import io.kubelite.nodeagent.proxy.ProxyRules.Listen;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Whether a port could be listened on, tried by binding it for a moment. */
final class PortProbe {

    private PortProbe() {
    }

    /** Null when {@code listen} can be bound, else why not, as the end of a sentence ("is in use by another program"). */
    static String unavailable(Listen listen) {
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(listen.ip()), listen.port());
            if ("UDP".equals(listen.protocol())) {
                try (DatagramSocket socket = new DatagramSocket(null)) {
                    socket.bind(address);
                }
            } else {
                try (ServerSocket socket = new ServerSocket()) {
                    socket.setReuseAddress(true);
                    socket.bind(address);
                }
            }
            return null;
        } catch (BindException e) {
            String message = String.valueOf(e.getMessage());
            return message.contains("in use") ? "is in use by another program" : "cannot be listened on: " + message;
        } catch (IOException | RuntimeException e) {
            return "cannot be listened on: " + e.getMessage();
        }
    }
}
