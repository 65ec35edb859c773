package io.kubelite.gateway.authn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * What proves to the backends that a request comes from the gateway: the token on the first line
 * of {@code kubelite.front-proxy.token-file}, in {@value #HEADER} on every request passed on. The
 * API server and the metrics API, given the same file, refuse requests without it (api-machinery's
 * {@code SharedToken} checks it there), as kube-apiserver believes {@code X-Remote-User} only from
 * its front proxy's client certificate. A client's own copy of the header is always removed.
 */
@Component
public class FrontProxyToken {

    public static final String HEADER = "X-Front-Proxy-Token";
    private static final Logger log = LoggerFactory.getLogger(FrontProxyToken.class);

    private final Optional<String> token;

    public FrontProxyToken(@Value("${kubelite.front-proxy.token-file:}") String tokenFile) {
        this.token = tokenFile.isBlank() ? Optional.empty() : Optional.of(read(Path.of(tokenFile)));
        if (token.isEmpty()) {
            log.warn("kubelite.front-proxy.token-file is not set: requests reach the backends without proof that "
                    + "they passed the gateway, so backends must believe any caller");
        }
    }

    void apply(HttpHeaders headers) {
        headers.remove(HEADER);
        token.ifPresent(t -> headers.set(HEADER, t));
    }

    private static String read(Path file) {
        String first;
        try {
            first = Files.readString(file).lines().findFirst().orElse("").strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the front-proxy token file " + file, e);
        }
        if (first.isEmpty()) {
            throw new IllegalStateException("the front-proxy token file " + file + " is empty: write the token on "
                    + "its first line");
        }
        return first;
    }
}
