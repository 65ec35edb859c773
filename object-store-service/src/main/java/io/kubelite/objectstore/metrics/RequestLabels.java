package io.kubelite.objectstore.metrics;

import io.kubelite.objectstore.rest.ApiPath;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The labels kube-apiserver gives a request in {@code apiserver_request_total} and its other
 * request metrics, worked out from the request as its metrics package does:
 *
 * <ul>
 *   <li>{@code scope}: {@code resource} for a named object (a list or watch whose field selector
 *       names one, {@code metadata.name=x}, included) and for a create, {@code namespace} for a
 *       request within a namespace, {@code cluster} for other resource requests, empty for the rest;</li>
 *   <li>{@code verb}: the HTTP method, with GET on a collection reported as {@code LIST},
 *       {@code ?watch=true} as {@code WATCH}, a server-side apply patch as {@code APPLY} and the
 *       streaming subresources (log, exec, attach, portforward, proxy) as {@code CONNECT};</li>
 *   <li>{@code dry_run}: the {@code dryRun} values, sorted and joined ({@code All}), or
 *       {@code invalid}.</li>
 * </ul>
 *
 * Of the non-resource paths only the health endpoints are counted, as kube-apiserver instruments
 * them: with the path as {@code subresource} and every other label empty. Any other path has no
 * labels (so a scan of random paths cannot grow the metrics without bound).
 */
record RequestLabels(String verb, String dryRun, String group, String version, String resource,
                     String subresource, String scope) {

    private static final Set<String> CONNECT_SUBRESOURCES = Set.of("log", "exec", "portforward", "attach", "proxy");
    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> INSTRUMENTED_PATHS = Set.of("/healthz", "/livez", "/readyz");
    private static final String APPLY_PATCH = "application/apply-patch+yaml";

    /** True for watches and the streaming subresources: kube's long-running requests. */
    boolean longRunning() {
        return verb.equals("WATCH") || verb.equals("CONNECT");
    }

    /** True for requests that change nothing (kube's {@code readOnly} request kind). */
    boolean readOnly() {
        return verb.equals("GET") || verb.equals("LIST") || verb.equals("WATCH");
    }

    /** Whether {@code apiserver_response_sizes} records this request: reads only. */
    boolean sized() {
        return verb.equals("GET") || verb.equals("LIST");
    }

    /**
     * The labels of a request, or empty for a path kube-apiserver does not instrument.
     *
     * @param params the values of a query parameter (null when absent), as the servlet API gives them
     */
    static Optional<RequestLabels> of(String method, String path, Function<String, String[]> params, String contentType) {
        String httpVerb = method.toUpperCase(Locale.ROOT);
        String dryRun = dryRun(params.apply("dryRun"));
        Optional<ApiPath> parsed = ApiPath.parse(path);
        if (parsed.isEmpty()) {
            if (!INSTRUMENTED_PATHS.contains(path)) {
                return Optional.empty();
            }
            return Optional.of(new RequestLabels(reported(httpVerb, ""), dryRun, "", "", "", path, ""));
        }
        ApiPath p = parsed.get();
        String name = p.name();
        if (name == null && (httpVerb.equals("GET") || httpVerb.equals("HEAD"))) {
            name = selectedName(params.apply("fieldSelector"));
        }
        String namespace = p.resource().equals("namespaces") && p.name() != null ? p.name() : p.namespace();
        String scope = name != null || (httpVerb.equals("POST") && p.subresource() == null) ? "resource"
                : namespace != null ? "namespace" : "cluster";
        String verb = reported(httpVerb, scope);
        if ((verb.equals("GET") || verb.equals("LIST")) && isTrue(params.apply("watch"))) {
            verb = "WATCH";
        }
        if (verb.equals("PATCH") && contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith(APPLY_PATCH)) {
            verb = "APPLY";
        }
        String subresource = p.subresource() == null ? "" : p.subresource();
        if (CONNECT_SUBRESOURCES.contains(subresource)) {
            verb = "CONNECT";
        }
        return Optional.of(new RequestLabels(verb, dryRun, p.group(), p.version(), p.resource(), subresource, scope));
    }

    /** kube's {@code CanonicalVerb}: a GET outside one object's scope is a LIST; unknown methods are "other". */
    private static String reported(String httpVerb, String scope) {
        if (!KNOWN_METHODS.contains(httpVerb)) {
            return "other";
        }
        if (httpVerb.equals("GET") || httpVerb.equals("HEAD")) {
            return scope.equals("resource") || scope.isEmpty() ? "GET" : "LIST";
        }
        return httpVerb;
    }

    /** The name an exact {@code metadata.name=x} (or {@code ==}) term of a field selector picks, else null. */
    private static String selectedName(String[] fieldSelectors) {
        if (fieldSelectors == null || fieldSelectors.length == 0) {
            return null;
        }
        for (String term : fieldSelectors[0].split(",")) {
            String t = term.trim();
            for (String op : new String[] {"metadata.name==", "metadata.name="}) {
                if (t.startsWith(op) && t.length() > op.length()) {
                    return t.substring(op.length());
                }
            }
        }
        return null;
    }

    private static String dryRun(String[] values) {
        if (values == null || values.length == 0) {
            return "";
        }
        Set<String> unique = new TreeSet<>(Arrays.asList(values));
        if (!unique.equals(Set.of("All"))) {
            return "invalid";
        }
        return "All";
    }

    private static boolean isTrue(String[] values) {
        if (values == null || values.length == 0) {
            return false;
        }
        String v = values[0].toLowerCase(Locale.ROOT);
        return !v.equals("0") && !v.equals("false");
    }
}
