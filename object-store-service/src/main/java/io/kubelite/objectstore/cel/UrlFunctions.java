package io.kubelite.objectstore.cel;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;

import java.util.List;

import static io.kubelite.objectstore.cel.FunctionLibrary.error;
import static io.kubelite.objectstore.cel.FunctionLibrary.function;
import static io.kubelite.objectstore.cel.FunctionLibrary.global;
import static io.kubelite.objectstore.cel.FunctionLibrary.member;

/**
 * kube's {@code kubernetes.urls} library: {@code url}, {@code isURL} and the parts of a URL.
 *
 * <pre>
 * url('https://example.com:80/a?k=v').getHost()       // 'example.com:80'
 * url('https://[::1]:80/').getHostname()               // '::1'
 * url('https://example.com/a b').getEscapedPath()      // '/a%20b'
 * url('https://example.com/?k=a&amp;k=b').getQuery()       // {'k': ['a', 'b']}
 * isURL('../relative')                                 // false
 * url('../relative')    // fails: URL parse error during conversion from string: parse "../relative": invalid URI for request
 * </pre>
 *
 * <p>A URL must be absolute or an absolute path (Go's {@code ParseRequestURI}, as the OpenAPI
 * {@code uri} format); its parts are then read as Go's {@code Parse} reads them, so a fragment is
 * set apart rather than being part of the path.
 */
final class UrlFunctions implements FunctionLibrary {

    @Override
    public List<CelFunctionDecl> declarations() {
        return List.of(
                function("url", global("string_to_url", Url.TYPE, SimpleType.STRING)),
                function("isURL", global("is_url_string", SimpleType.BOOL, SimpleType.STRING)),
                function("getScheme", member("url_get_scheme", SimpleType.STRING, Url.TYPE)),
                function("getHost", member("url_get_host", SimpleType.STRING, Url.TYPE)),
                function("getHostname", member("url_get_hostname", SimpleType.STRING, Url.TYPE)),
                function("getPort", member("url_get_port", SimpleType.STRING, Url.TYPE)),
                function("getEscapedPath", member("url_get_escaped_path", SimpleType.STRING, Url.TYPE)),
                function("getQuery", member("url_get_query",
                        MapType.create(SimpleType.STRING, ListType.create(SimpleType.STRING)), Url.TYPE)));
    }

    @Override
    public List<CelFunctionBinding> bindings() {
        return List.of(
                CelFunctionBinding.from("string_to_url", String.class, UrlFunctions::url),
                CelFunctionBinding.from("is_url_string", String.class, UrlFunctions::isUrl),
                CelFunctionBinding.from("url_get_scheme", Url.class, Url::scheme),
                CelFunctionBinding.from("url_get_host", Url.class, Url::host),
                CelFunctionBinding.from("url_get_hostname", Url.class, Url::hostname),
                CelFunctionBinding.from("url_get_port", Url.class, Url::port),
                CelFunctionBinding.from("url_get_escaped_path", Url.class, Url::escapedPath),
                CelFunctionBinding.from("url_get_query", Url.class, Url::query));
    }

    private static Url url(String text) throws CelEvaluationException {
        try {
            Url.parseRequestUri(text);
            return Url.parse(text);
        } catch (Url.InvalidUrl e) {
            throw error("URL parse error during conversion from string: " + e.getMessage());
        }
    }

    private static boolean isUrl(String text) {
        try {
            Url.parseRequestUri(text);
            return true;
        } catch (Url.InvalidUrl e) {
            return false;
        }
    }
}
