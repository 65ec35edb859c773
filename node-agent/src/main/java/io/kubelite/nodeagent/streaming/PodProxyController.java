package io.kubelite.nodeagent.streaming;

import io.kubelite.machinery.credential.SharedToken;
import io.kubelite.machinery.http.HttpRelay;
import io.kubelite.nodeagent.NodeAgents;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collections;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where the API server's {@code pods/proxy} and {@code services/proxy} subresources send a request:
 * {@code /podProxy/{scheme}/{ip}/{port}/{path}} ({@code -} for the scheme's port) is sent to the
 * pod at that IP, answered with what the pod answers. As kube-apiserver's proxy, an {@code https}
 * pod's certificate is not checked. The API server chose the IP and removed the caller's
 * credentials; its own ({@link KubeletAuthentication}) stay here, never sent to the pod. An IP
 * no pod of this JVM's nodes has is refused, so the agent reaches pods only.
 */
@RestController
public class PodProxyController {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final NodeAgents agents;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1).sslContext(trustingEveryCertificate()).build();

    public PodProxyController(NodeAgents agents) {
        this.agents = agents;
    }

    @RequestMapping({"/podProxy/{scheme}/{ip}/{port}", "/podProxy/{scheme}/{ip}/{port}/**"})
    public void proxy(@PathVariable String scheme, @PathVariable String ip, @PathVariable String port,
                      HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!scheme.equals("http") && !scheme.equals("https")) {
            StatusResponses.write(response, HttpStatus.BAD_REQUEST, "unsupported scheme " + scheme);
            return;
        }
        if (!podIp(ip)) {
            StatusResponses.write(response, HttpStatus.NOT_FOUND, "no pod of this node has the IP " + ip);
            return;
        }
        String host = InetAddress.getByName(ip).getHostAddress();
        String authority = (host.contains(":") ? "[" + host + "]" : host) + (port.equals("-") ? "" : ":" + Integer.parseInt(port));
        String prefix = "/podProxy/" + scheme + "/" + ip + "/" + port;
        String path = request.getRequestURI().substring(request.getRequestURI().indexOf(prefix) + prefix.length());
        String query = request.getQueryString();
        URI target = URI.create(scheme + "://" + authority + (path.isEmpty() ? "/" : path) + (query == null ? "" : "?" + query));
        HttpRequest.Builder builder = HttpRequest.newBuilder(target).method(request.getMethod(), HttpRelay.body(
                request.getContentLengthLong(), request.getHeader("Transfer-Encoding") != null, request::getInputStream));
        HttpRelay.copyHeaders(Collections.list(request.getHeaderNames()), h -> Collections.list(request.getHeaders(h)),
                h -> !h.equalsIgnoreCase("Authorization") && !h.equalsIgnoreCase(SharedToken.FRONT_PROXY_HEADER), builder);
        HttpResponse<InputStream> answer;
        try {
            answer = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            StatusResponses.write(response, HttpStatus.SERVICE_UNAVAILABLE, "error trying to reach service: dial tcp "
                    + authority + ": connect: " + (e instanceof HttpConnectTimeoutException ? "i/o timeout"
                    : "connection refused"));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            StatusResponses.write(response, HttpStatus.SERVICE_UNAVAILABLE, "interrupted while proxying to " + authority);
            return;
        }
        HttpRelay.answer(answer, response::setStatus, response::addHeader, response::getOutputStream);
    }

    private boolean podIp(String ip) {
        return agents.agents().stream().flatMap(a -> a.pods().list().stream())
                .anyMatch(p -> p.getStatus() != null && ip.equals(p.getStatus().getPodIP()));
    }

    private static SSLContext trustingEveryCertificate() {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
