package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ServiceReference;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Where kube-apiserver 1.32 calls an admission webhook ({@code clientConfig}): exactly one of an
 * https URL or an in-cluster service. The URL and service rules are apiserver's
 * {@code ValidateWebhookURL} (https forced) and {@code ValidateWebhookService}; they take plain
 * values so that any webhook client config can be held to them.
 *
 * <p>A service's {@code port} is filled by defaulting (443), so an unset one is judged by that
 * value and is never missing. The CA bundle is not judged.
 */
final class WebhookClientConfigValidator {

    static final int DEFAULT_PORT = 443;
    private static final String FORM = "; desired format: https://host[/path]";

    private WebhookClientConfigValidator() {
    }

    static List<FieldError> validate(WebhookClientConfig config, FieldPath path) {
        WebhookClientConfig c = config == null ? new WebhookClientConfig() : config;
        if ((c.getUrl() == null) == (c.getService() == null)) {
            return List.of(FieldError.required(path, "exactly one of url or service is required"));
        }
        if (c.getUrl() != null) {
            return url(c.getUrl(), path.child("url"));
        }
        ServiceReference s = c.getService();
        return service(s.getName(), s.getNamespace(), s.getPath(), s.getPort(), path.child("service"));
    }

    /**
     * An https URL with a host and nothing a webhook call could not honour or should not carry:
     * {@code https://hook.example.com:8443/validate} is accepted; {@code http://...} is refused for
     * its scheme, {@code https://admin:s3cret@hook.example.com} for its user information,
     * {@code ...#top} for its fragment and {@code ...?pretty=true} for its query. A URL Go cannot
     * parse is reported as missing, with Go's reason:
     * {@code url must be a valid URL: parse "https://a b": invalid character " " in host name; desired format: https://host[/path]}.
     */
    static List<FieldError> url(String url, FieldPath path) {
        GoUrl u;
        try {
            u = GoUrl.parse(url);
        } catch (GoUrl.InvalidUrlException e) {
            return List.of(FieldError.required(path, "url must be a valid URL: " + e.getMessage() + FORM));
        }
        List<FieldError> errs = new ArrayList<>();
        if (!u.scheme().equals("https")) {
            errs.add(FieldError.invalid(path, u.scheme(), "'https' is the only allowed URL scheme" + FORM));
        }
        if (u.host().isEmpty()) {
            errs.add(FieldError.invalid(path, u.host(), "host must be provided" + FORM));
        }
        if (u.user() != null) {
            errs.add(FieldError.invalid(path, u.user(), "user information is not permitted in the URL"));
        }
        if (!u.fragment().isEmpty()) {
            errs.add(FieldError.invalid(path, u.fragment(), "fragments are not permitted in the URL"));
        }
        if (!u.rawQuery().isEmpty()) {
            errs.add(FieldError.invalid(path, u.rawQuery(), "query parameters are not permitted in the URL"));
        }
        return errs;
    }

    /**
     * A service by name and namespace, on a port from 1 to 65535, with an optional path of
     * DNS-1123 subdomain segments: {@code /validate/v1.pods} is accepted, {@code /Validate} and
     * {@code /a//b} are not. {@code ""} and {@code /} mean the root; one trailing slash is allowed.
     *
     * <p>Kube-apiserver hands the service's name in where the namespace is expected and the
     * reverse, so a missing namespace is reported on {@code service.name} ("service name is
     * required") and a missing name on {@code service.namespace}. Either is still refused; only
     * the blamed field differs, and it is kept as kube reports it.
     *
     * <p>A path not starting with {@code /} is reported, and its first character is dropped all
     * the same before the segments are judged: {@code validate} is judged as {@code alidate}.
     */
    static List<FieldError> service(String name, String namespace, String urlPath, Integer port, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (Checks.isEmpty(namespace)) {
            errs.add(FieldError.required(path.child("name"), "service name is required"));
        }
        if (Checks.isEmpty(name)) {
            errs.add(FieldError.required(path.child("namespace"), "service namespace is required"));
        }
        int effectivePort = port == null ? DEFAULT_PORT : port;
        List<String> portErrors = NameRules.isValidPortNum(effectivePort);
        if (!portErrors.isEmpty()) {
            errs.add(FieldError.invalid(path.child("port"), effectivePort, "port is not valid: " + String.join(", ", portErrors)));
        }
        if (urlPath == null || urlPath.isEmpty() || urlPath.equals("/")) {
            return errs;
        }
        FieldPath pathPath = path.child("path");
        if (urlPath.equals("//")) {
            errs.add(FieldError.invalid(pathPath, urlPath, "segment[0] may not be empty"));
            return errs;
        }
        if (!urlPath.startsWith("/")) {
            errs.add(FieldError.invalid(pathPath, urlPath, "must start with a '/'"));
        }
        String toCheck = urlPath.substring(1);
        if (toCheck.endsWith("/")) {
            toCheck = toCheck.substring(0, toCheck.length() - 1);
        }
        String[] segments = toCheck.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].isEmpty()) {
                errs.add(FieldError.invalid(pathPath, urlPath, "segment[" + i + "] may not be empty"));
                continue;
            }
            for (String failure : NameRules.isDns1123Subdomain(segments[i])) {
                errs.add(FieldError.invalid(pathPath, urlPath, "segment[" + i + "]: " + failure));
            }
        }
        return errs;
    }
}
