package io.kubelite.machinery.validation;

import static io.kubelite.machinery.validation.AdmissionPolicyValidatorTest.DNS1123_SUBDOMAIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ServiceReference;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Where a webhook is called: apiserver's ValidateWebhookURL and ValidateWebhookService, with Go's URL parsing. */
class WebhookClientConfigValidatorTest {

    private static final String URL = "webhooks[0].clientConfig.url";
    private static final String SERVICE = "webhooks[0].clientConfig.service";
    private static final String FORM = "; desired format: https://host[/path]";

    static List<String> urlErrors(String url) {
        return WebhookValidatorTest.errorsOf(w -> w.setClientConfig(WebhookValidatorTest.url(url)));
    }

    static List<String> serviceErrors(Consumer<ServiceReference> change) {
        return WebhookValidatorTest.errorsOf(w -> change.accept(w.getClientConfig().getService()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "https://hook.example.com",
            "https://hook.example.com:8443/validate/pods",
            "https://10.96.0.10/validate",
            "HTTPS://hook.example.com",
            "https://[fe80::1%25eth0]:8443/validate",
            "https://hook.example.com/a%2Fb",
            "https://hook.example.com/validate?",
            "https://hook.example.com/validate#",
            "https://hook.example.com/any:thing;at=all"})
    void acceptsHttpsUrls(String url) {
        assertThat(urlErrors(url)).isEmpty();
    }

    static Stream<Arguments> refusedUrls() {
        return Stream.of(
                Arguments.of("http://hook.example.com", List.of(URL + ": Invalid value: \"http\": 'https' is the only allowed URL scheme" + FORM)),
                Arguments.of("hook.example.com/validate", List.of(
                        URL + ": Invalid value: \"\": 'https' is the only allowed URL scheme" + FORM,
                        URL + ": Invalid value: \"\": host must be provided" + FORM)),
                Arguments.of("", List.of(
                        URL + ": Invalid value: \"\": 'https' is the only allowed URL scheme" + FORM,
                        URL + ": Invalid value: \"\": host must be provided" + FORM)),
                Arguments.of("https:hook.example.com", List.of(URL + ": Invalid value: \"\": host must be provided" + FORM)),
                Arguments.of("https:///validate", List.of(URL + ": Invalid value: \"\": host must be provided" + FORM)),
                Arguments.of("https://admin:s3cret@hook.example.com",
                        List.of(URL + ": Invalid value: \"admin:s3cret\": user information is not permitted in the URL")),
                Arguments.of("https://@hook.example.com", List.of(URL + ": Invalid value: \"\": user information is not permitted in the URL")),
                Arguments.of("https://j%20doe@hook.example.com",
                        List.of(URL + ": Invalid value: \"j%20doe\": user information is not permitted in the URL")),
                Arguments.of("https://hook.example.com/validate#top",
                        List.of(URL + ": Invalid value: \"top\": fragments are not permitted in the URL")),
                Arguments.of("https://hook.example.com/validate#a%20b",
                        List.of(URL + ": Invalid value: \"a b\": fragments are not permitted in the URL")),
                Arguments.of("https://hook.example.com/validate?timeout=5s",
                        List.of(URL + ": Invalid value: \"timeout=5s\": query parameters are not permitted in the URL")),
                Arguments.of("http://admin@/x?a=b#c", List.of(
                        URL + ": Invalid value: \"http\": 'https' is the only allowed URL scheme" + FORM,
                        URL + ": Invalid value: \"\": host must be provided" + FORM,
                        URL + ": Invalid value: \"admin\": user information is not permitted in the URL",
                        URL + ": Invalid value: \"c\": fragments are not permitted in the URL",
                        URL + ": Invalid value: \"a=b\": query parameters are not permitted in the URL")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedUrls")
    void refusesUrlsAWebhookCannotBeCalledAt(String url, List<String> messages) {
        assertThat(urlErrors(url)).containsExactlyElementsOf(messages);
    }

    static Stream<Arguments> unparsableUrls() {
        return Stream.of(
                Arguments.of("https://hook example.com", "parse \"https://hook example.com\": invalid character \" \" in host name"),
                Arguments.of("https://hook.example.com:https", "parse \"https://hook.example.com:https\": invalid port \":https\" after host"),
                Arguments.of("https://[fe80::1/validate", "parse \"https://[fe80::1/validate\": missing ']' in host"),
                Arguments.of("https://%41.example.com", "parse \"https://%41.example.com\": invalid URL escape \"%41\""),
                Arguments.of("https://hook.example.com/%zz", "parse \"https://hook.example.com/%zz\": invalid URL escape \"%zz\""),
                Arguments.of("https://hook.example.com/%4", "parse \"https://hook.example.com/%4\": invalid URL escape \"%4\""),
                Arguments.of("https://us{er@hook.example.com", "parse \"https://us{er@hook.example.com\": net/url: invalid userinfo"),
                Arguments.of("https://hook.example.com/\n", "parse \"https://hook.example.com/\\n\": net/url: invalid control character in URL"),
                Arguments.of(":8443/validate", "parse \":8443/validate\": missing protocol scheme"),
                Arguments.of("1hook:8443/validate", "parse \"1hook:8443/validate\": first path segment in URL cannot contain colon"),
                Arguments.of("https://hook.example.com/#%zz", "parse \"https://hook.example.com/#%zz\": invalid URL escape \"%zz\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unparsableUrls")
    void reportsAUrlGoCannotParseAsMissingWithGosReason(String url, String reason) {
        assertThat(urlErrors(url)).containsExactly(URL + ": Required value: url must be a valid URL: " + reason + FORM);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "/", "/validate", "/validate/", "/validate/v1.pods", "/apis/policy.example.com/v1/check"})
    void acceptsServicePaths(String path) {
        assertThat(serviceErrors(s -> s.setPath(path))).isEmpty();
    }

    static Stream<Arguments> refusedServices() {
        return Stream.of(
                Arguments.of("no namespace, blamed on the name as kube does", (Consumer<ServiceReference>) s -> s.setNamespace(""),
                        List.of(SERVICE + ".name: Required value: service name is required")),
                Arguments.of("no name, blamed on the namespace as kube does", (Consumer<ServiceReference>) s -> s.setName(null),
                        List.of(SERVICE + ".namespace: Required value: service namespace is required")),
                Arguments.of("port 0", (Consumer<ServiceReference>) s -> s.setPort(0),
                        List.of(SERVICE + ".port: Invalid value: 0: port is not valid: must be between 1 and 65535, inclusive")),
                Arguments.of("a path without leading slash, judged without its first character",
                        (Consumer<ServiceReference>) s -> s.setPath("validate"),
                        List.of(SERVICE + ".path: Invalid value: \"validate\": must start with a '/'")),
                Arguments.of("a path of two slashes", (Consumer<ServiceReference>) s -> s.setPath("//"),
                        List.of(SERVICE + ".path: Invalid value: \"//\": segment[0] may not be empty")),
                Arguments.of("an empty segment", (Consumer<ServiceReference>) s -> s.setPath("/validate//pods"),
                        List.of(SERVICE + ".path: Invalid value: \"/validate//pods\": segment[1] may not be empty")),
                Arguments.of("two trailing slashes", (Consumer<ServiceReference>) s -> s.setPath("/validate//"),
                        List.of(SERVICE + ".path: Invalid value: \"/validate//\": segment[1] may not be empty")),
                Arguments.of("a segment in upper case", (Consumer<ServiceReference>) s -> s.setPath("/validate/Pods"),
                        List.of(SERVICE + ".path: Invalid value: \"/validate/Pods\": segment[1]: " + DNS1123_SUBDOMAIN)),
                Arguments.of("a segment with an underscore", (Consumer<ServiceReference>) s -> s.setPath("/validate_pods"),
                        List.of(SERVICE + ".path: Invalid value: \"/validate_pods\": segment[0]: " + DNS1123_SUBDOMAIN)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedServices")
    void refusesServices(String name, Consumer<ServiceReference> change, List<String> messages) {
        assertThat(serviceErrors(change)).containsExactlyElementsOf(messages);
    }

    @ParameterizedTest(name = "port {0}")
    @ValueSource(ints = {1, 443, 8443, 65535})
    void acceptsPortsFrom1To65535(int port) {
        assertThat(serviceErrors(s -> s.setPort(port))).isEmpty();
    }
}
