package io.kubelite.bench;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection (HTTPS when given an {@link SSLContext}), used by one thread
 * at a time: write a request, read its answer, both blocking on the calling thread.
 *
 * <p>Why not {@link java.net.http.HttpClient}: the load generator shares two cores with the
 * cluster it measures, and the JDK client hands every request to its selector thread and back
 * (0.4–0.5 ms of CPU per request here, against ~0.1 ms for wrk); this client costs what the
 * socket and TLS cost. It speaks only what the benchmark needs: a request with a body or none,
 * and answers with {@code Content-Length} or chunked bodies.
 */
final class Http1Connection implements AutoCloseable {

    /** An answer: the status code and the body's bytes. */
    record Response(int status, byte[] body) {

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int MAX_LINE = 16 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String hostHeader;
    private boolean open = true;

    Http1Connection(URI base, SSLContext tls, int readTimeoutMillis) throws IOException {
        boolean https = "https".equalsIgnoreCase(base.getScheme());
        if (https && tls == null) {
            throw new IllegalArgumentException(base + " needs a TLS context");
        }
        int port = base.getPort() != -1 ? base.getPort() : https ? 443 : 80;
        Socket plain = new Socket();
        plain.setTcpNoDelay(true);
        plain.setSoTimeout(readTimeoutMillis);
        plain.connect(new InetSocketAddress(base.getHost(), port), CONNECT_TIMEOUT_MILLIS);
        if (https) {
            SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(plain, base.getHost(), port, true);
            SSLParameters parameters = ssl.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            ssl.setSSLParameters(parameters);
            ssl.startHandshake();
            this.socket = ssl;
        } else {
            this.socket = plain;
        }
        this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        this.hostHeader = base.getHost() + ":" + port;
    }

    /** False once the server said {@code Connection: close} or the connection failed. */
    boolean isOpen() {
        return open && !socket.isClosed();
    }

    /**
     * Sends one request and reads its whole answer.
     *
     * @param headers extra header lines without their line ends, e.g. {@code "Authorization: Bearer x"}
     * @param body    null for a request without a body
     */
    Response exchange(String method, String pathAndQuery, String contentType, byte[] body, String... headers)
            throws IOException {
        try {
            StringBuilder head = new StringBuilder(256).append(method).append(' ').append(pathAndQuery)
                    .append(" HTTP/1.1\r\nHost: ").append(hostHeader).append("\r\n");
            for (String header : headers) {
                head.append(header).append("\r\n");
            }
            if (body != null) {
                head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(body.length)
                        .append("\r\n");
            }
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return readResponse();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private Response readResponse() throws IOException {
        String statusLine = readLine();
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long contentLength = -1;
        boolean chunked = false;
        boolean closeAfter = statusLine.startsWith("HTTP/1.0");
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> contentLength = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                default -> {
                    // not needed
                }
            }
        }
        byte[] body;
        if (chunked) {
            body = readChunked();
        } else if (contentLength >= 0) {
            body = in.readNBytes(Math.toIntExact(contentLength));
            if (body.length != contentLength) {
                throw new EOFException("answer ended after " + body.length + " of " + contentLength + " bytes");
            }
        } else if (status == 204 || status == 304 || status / 100 == 1) {
            body = new byte[0];
        } else {
            body = in.readAllBytes();
            closeAfter = true;
        }
        if (closeAfter) {
            close();
        }
        return new Response(status, body);
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            int extension = sizeLine.indexOf(';');
            int size = Integer.parseInt((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim(), 16);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // trailers, ignored
                }
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length != size) {
                throw new EOFException("chunk ended after " + chunk.length + " of " + size + " bytes");
            }
            body.write(chunk);
            readLine();
        }
    }

    /** One line without its CR LF (ISO-8859-1, as HTTP/1.1 heads are). */
    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b == -1) {
                throw new EOFException("connection closed by the server");
            }
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() == MAX_LINE) {
                throw new IOException("header line longer than " + MAX_LINE + " bytes");
            }
            line.append((char) b);
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
