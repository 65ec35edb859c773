package io.kubelite.objectstore.metrics;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * Counts every request in {@link ApiServerMetrics}, first of all filters so that refused ones
 * (401, 403) are counted too: in flight while it runs, then its code and duration when it ends —
 * when the handler returns, or for a watch or a followed log (served asynchronously) when the
 * stream closes. Reads are answered through a byte counter for {@code apiserver_response_sizes}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestMetricsFilter extends OncePerRequestFilter {

    private final ApiServerMetrics metrics;

    RequestMetricsFilter(ApiServerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<RequestLabels> labels = RequestLabels.of(request.getMethod(), path, request::getParameterValues,
                request.getContentType());
        if (labels.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        ApiServerMetrics.InFlight inFlight = metrics.started(labels.get());
        CountingResponse counted = labels.get().sized() && !"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))
                ? new CountingResponse(response) : null;
        boolean async = false;
        int failed = 0;
        try {
            chain.doFilter(request, counted == null ? response : counted);
            if (request.isAsyncStarted()) {
                async = true;
                request.getAsyncContext().addListener(new Finish(inFlight, response, counted));
            }
        } catch (IOException | ServletException | RuntimeException e) {
            failed = 500; // what the container answers for an exception no handler turned into a Status
            throw e;
        } finally {
            if (!async) {
                inFlight.finished(failed != 0 ? failed : response.getStatus(), counted == null ? 0 : counted.bytes());
            }
        }
    }

    /** Ends an asynchronous request's count once, however the stream ended. */
    private static final class Finish implements AsyncListener {
        private final ApiServerMetrics.InFlight inFlight;
        private final HttpServletResponse response;
        private final CountingResponse counted;
        private boolean done;

        Finish(ApiServerMetrics.InFlight inFlight, HttpServletResponse response, CountingResponse counted) {
            this.inFlight = inFlight;
            this.response = response;
            this.counted = counted;
        }

        private synchronized void finish() {
            if (!done) {
                done = true;
                inFlight.finished(response.getStatus(), counted == null ? 0 : counted.bytes());
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            finish();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            finish();
        }

        @Override
        public void onError(AsyncEvent event) {
            finish();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }

    /** A response whose body bytes are counted on their way out. */
    private static final class CountingResponse extends HttpServletResponseWrapper {
        private long bytes;
        private ServletOutputStream stream;

        CountingResponse(HttpServletResponse response) {
            super(response);
        }

        long bytes() {
            return bytes;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                ServletOutputStream out = super.getOutputStream();
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        out.write(b);
                        bytes++;
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                        bytes += len;
                    }

                    @Override
                    public void flush() throws IOException {
                        out.flush();
                    }

                    @Override
                    public void close() throws IOException {
                        out.close();
                    }

                    @Override
                    public boolean isReady() {
                        return out.isReady();
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        out.setWriteListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
