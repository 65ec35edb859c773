package io.kubelite.objectstore.webhook;

import io.kubelite.objectstore.storage.ObjectStore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends a review to a webhook and reads its answer, as kube-apiserver's webhook client — an
 * AdmissionReview ({@link #call}) or any other ({@link #post}, a CRD's ConversionReview):
 * {@code POST <url>?timeout=10s} (or to the ClusterIP of {@code clientConfig.service}, on its
 * {@code port}, at its {@code path}) over TLS trusting {@code caBundle} ({@link WebhookTls}); the
 * answer's {@code response.uid} must be the request's.
 */
@org.springframework.stereotype.Component
public class WebhookClient {

    /** What a webhook answered. {@code patch} is the decoded JSON patch of a mutating webhook, or null. */
    record Reply(boolean allowed, JsonNode status, JsonNode patch, List<String> warnings) {
    }

    /** A webhook that could not be called or answered nonsense; the message is kube-apiserver's wording after "failed to call webhook: ". */
    public static final class CallFailure extends Exception {
        CallFailure(String message) {
            super(message);
        }
    }

    private final ObjectStore store;
    private final JsonMapper json;
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    public WebhookClient(ObjectStore store, JsonMapper json) {
        this.store = store;
        this.json = json;
    }

    Reply call(Webhook webhook, ObjectNode review, String uid) throws CallFailure {
        JsonNode answer = post(webhook.clientConfig(), webhook.timeoutSeconds(), review);
        JsonNode r = answer.path("response");
        if (!r.isObject()) {
            throw new CallFailure("webhook response was absent");
        }
        String answeredUid = r.path("uid").asString("");
        if (!answeredUid.equals(uid)) {
            throw new CallFailure("expected response.uid=\"" + uid + "\", got \"" + answeredUid + "\"");
        }
        List<String> warnings = new ArrayList<>();
        r.path("warnings").forEach(w -> warnings.add(w.asString("")));
        JsonNode patch = null;
        if (r.hasNonNull("patch")) {
            String type = r.path("patchType").asString("");
            if (!type.equals("JSONPatch")) {
                throw new CallFailure("webhook returned a patch without patchType JSONPatch (\"" + type + "\")");
            }
            try {
                patch = json.readTree(Base64.getDecoder().decode(r.path("patch").asString("")));
            } catch (RuntimeException e) {
                throw new CallFailure("webhook returned an unreadable patch: " + e.getMessage());
            }
        }
        return new Reply(r.path("allowed").asBoolean(false), r.get("status"), patch, warnings);
    }

    /**
     * POSTs {@code body} to the webhook {@code clientConfig} names and returns the JSON it answers
     * (any 2xx), within {@code timeoutSeconds}.
     */
    public JsonNode post(JsonNode clientConfig, int timeoutSeconds, ObjectNode body) throws CallFailure {
        Target target = target(clientConfig, timeoutSeconds);
        URI uri = URI.create(target.connect() + (target.connect().contains("?") ? "&" : "?") + "timeout=" + timeoutSeconds + "s");
        String shown = "Post \"" + target.shown() + "?timeout=" + timeoutSeconds + "s\": ";
        HttpResponse<String> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(timeoutSeconds))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
            response = client(clientConfig, timeoutSeconds, target).send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new CallFailure(shown + "context deadline exceeded");
        } catch (ConnectException e) {
            throw new CallFailure(shown + "dial tcp " + uri.getHost() + ":" + port(uri) + ": connect: connection refused");
        } catch (SSLHandshakeException e) {
            throw new CallFailure(shown + "tls: failed to verify certificate: " + rootMessage(e));
        } catch (IOException e) {
            throw new CallFailure(shown + rootMessage(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailure(shown + "interrupted");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CallFailure("could not get REST client: " + e.getMessage());
        }
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            throw new CallFailure("the server responded with the status code " + response.statusCode()
                    + " but did not return more information");
        }
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (RuntimeException e) {
            throw new CallFailure("the response is not JSON: " + e.getMessage());
        }
        return answer;
    }

    /** Where a call goes, and how the URL is shown in messages ({@code https://svc.ns.svc:443/path} for a service). */
    private record Target(String connect, String shown, String serviceHost) {
    }

    private Target target(JsonNode config, int timeoutSeconds) throws CallFailure {
        String url = config.path("url").asString("");
        if (!url.isEmpty()) {
            return new Target(url, url, null);
        }
        JsonNode service = config.path("service");
        String namespace = service.path("namespace").asString("");
        String name = service.path("name").asString("");
        int port = service.path("port").asInt(443);
        String path = service.path("path").asString("");
        String host = name + "." + namespace + ".svc";
        String shown = "https://" + host + ":" + port + path;
        String clusterIp = store.get("services", namespace, name)
                .map(s -> s.body().path("spec").path("clusterIP").asString("")).orElse("");
        if (clusterIp.isEmpty() || clusterIp.equals("None")) {
            throw new CallFailure("Post \"" + shown + "?timeout=" + timeoutSeconds + "s\": service \"" + name
                    + "\" not found or has no cluster IP");
        }
        return new Target("https://" + clusterIp + ":" + port + path, shown, host);
    }

    private HttpClient client(JsonNode clientConfig, int timeoutSeconds, Target target) throws GeneralSecurityException {
        String caBundle = clientConfig.path("caBundle").asString("");
        String key = caBundle + "|" + target.serviceHost() + "|" + timeoutSeconds;
        HttpClient existing = clients.get(key);
        if (existing != null) {
            return existing;
        }
        HttpClient created = HttpClient.newBuilder().sslContext(WebhookTls.context(caBundle, target.serviceHost()))
                .connectTimeout(Duration.ofSeconds(timeoutSeconds)).version(HttpClient.Version.HTTP_1_1).build();
        clients.put(key, created);
        return created;
    }

    private static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : 443;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
