package io.kubelite.nodeagent.streaming;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * The kubelet's port-forward endpoint, {@code /portForward/{namespace}/{pod}?ip=<pod IP>}, upgraded
 * to a WebSocket carrying SPDY/3.1 ({@value #PROTOCOL}); the API server's {@code pods/portforward}
 * relays here. Each forwarded connection is a pair of streams the client opens (an error and a
 * data stream for one port); the data stream is joined to a TCP connection to the pod's IP and
 * port ({@link PortForwardSession}). The pod's IP comes from the API server, which checked that the
 * pod runs on this node (this endpoint listens on loopback, for the API server only).
 */
@RestController
public class PortForwardController implements AutoCloseable {

    static final String PROTOCOL = "SPDY/3.1+portforward.k8s.io";
    /** The name the API server offers it under: the JDK's WebSocket client allows no '/' in a subprotocol. */
    static final String AGENT_PROTOCOL = "portforward.k8s.io";

    private final DefaultHandshakeHandler handshake = new DefaultHandshakeHandler();
    /** One thread per forwarded connection copies what the pod sends; connections are few and long. */
    private final ExecutorService copiers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "port-forward");
        t.setDaemon(true);
        return t;
    });

    public PortForwardController() {
        handshake.setSupportedProtocols(PROTOCOL, AGENT_PROTOCOL);
    }

    @RequestMapping(value = "/portForward/{namespace}/{pod}", method = {RequestMethod.GET, RequestMethod.POST})
    public void portForward(@PathVariable String namespace, @PathVariable String pod, @RequestParam String ip,
                            @RequestParam(required = false) String node, HttpServletRequest request,
                            HttpServletResponse response) throws IOException {
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            StatusResponses.write(response, HttpStatus.BAD_REQUEST, "port-forward is served over WebSocket ("
                    + PROTOCOL + ")");
            return;
        }
        InetAddress address = InetAddress.getByName(ip);
        ServletServerHttpResponse upgraded = new ServletServerHttpResponse(response);
        try {
            handshake.doHandshake(new ServletServerHttpRequest(request), upgraded,
                    new PortForwardSession(namespace + "/" + pod, address, copiers), new HashMap<>());
        } finally {
            upgraded.close();
        }
    }

    @Override
    public void close() {
        copiers.shutdownNow();
    }
}
