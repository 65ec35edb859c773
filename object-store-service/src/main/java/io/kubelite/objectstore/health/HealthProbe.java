package io.kubelite.objectstore.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Asks another component's health URL, as kube-apiserver probes kube-scheduler's {@code /healthz}
 * for {@code componentstatuses} and an aggregated API server's discovery for its APIService.
 */
@Component
public class HealthProbe {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Null when {@code url} answers 200, else what went wrong, as Go's client would say it. */
    public String problem(String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? null
                    : "unhealthy: GET " + url + " answered " + response.statusCode() + ": " + response.body();
        } catch (java.io.IOException e) {
            return "Get \"" + url + "\": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "Get \"" + url + "\": interrupted";
        }
    }
}
