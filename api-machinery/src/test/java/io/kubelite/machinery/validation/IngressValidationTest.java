package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** networking.k8s.io/v1: kube-apiserver's rules for Ingresses and IngressClasses, in its words. */
class IngressValidationTest {

    final ObjectValidator validator = new ObjectValidator();

    static IngressBuilder ingress(String host, String path, String pathType) {
        return new IngressBuilder().withNewMetadata().withName("web").withNamespace("default").endMetadata()
                .withNewSpec().addNewRule().withHost(host).withNewHttp().addNewPath().withPath(path).withPathType(pathType)
                .withNewBackend().withNewService().withName("web").withNewPort().withNumber(80).endPort().endService()
                .endBackend().endPath().endHttp().endRule().endSpec();
    }

    @Test
    void aRuleWithAHostAPathAndAServicePortIsValid() {
        assertThat(Fixtures.messages(validator.validateCreate(ingress("foo.example.com", "/app", "Prefix").build(), true)))
                .isEmpty();
        assertThat(Fixtures.messages(validator.validateCreate(ingress("*.example.com", "/", "Exact").build(), true)))
                .isEmpty();
        assertThat(Fixtures.messages(validator.validateCreate(ingress(null, null, "ImplementationSpecific").build(), true)))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            an IP address for a host | 10.0.0.1      | /       | Prefix   | spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address
            an upper-case host       | Foo.com       | /       | Prefix   | spec.rules[0].host: Invalid value: "Foo.com": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')
            a relative path          | foo.com       | app     | Prefix   | spec.rules[0].http.paths[0].path: Invalid value: "app": must be an absolute path
            a double slash           | foo.com       | /a//b   | Exact    | spec.rules[0].http.paths[0].path: Invalid value: "/a//b": must not contain '//'
            an unknown path type     | foo.com       | /       | Regex    | spec.rules[0].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"
            """)
    void refuses(String name, String host, String path, String pathType, String message) {
        assertThat(Fixtures.messages(validator.validateCreate(ingress(host, path, pathType).build(), true)))
                .containsExactly(message);
    }

    @Test
    void aPathNeedsItsTypeAndABackendNeedsAPort() {
        Ingress ingress = ingress("foo.com", "/", null).build();
        assertThat(Fixtures.messages(validator.validateCreate(ingress, true)))
                .containsExactly("spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified");

        Ingress noPort = ingress("foo.com", "/", "Prefix").editSpec().editFirstRule().editHttp().editFirstPath().editBackend()
                .editService().withPort(null).endService().endBackend().endPath().endHttp().endRule().endSpec().build();
        assertThat(Fixtures.messages(validator.validateCreate(noPort, true)))
                .containsExactly("spec.rules[0].http.paths[0].backend: Required value: port name or number is required");
    }

    @Test
    void anIngressWithoutRulesNeedsADefaultBackend() {
        Ingress empty = new IngressBuilder().withNewMetadata().withName("web").withNamespace("default").endMetadata()
                .withNewSpec().endSpec().build();

        assertThat(Fixtures.messages(validator.validateCreate(empty, true))).containsExactly(
                "spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified");
    }

    @Test
    void aClassNamesItsControllerAsADomainPrefixedPath() {
        IngressClass ok = new IngressClassBuilder().withNewMetadata().withName("nginx").endMetadata()
                .withNewSpec().withController("k8s.io/ingress-nginx").endSpec().build();
        IngressClass bare = new IngressClassBuilder(ok).editSpec().withController("nginx").endSpec().build();
        IngressClass none = new IngressClassBuilder(ok).editSpec().withController(null).endSpec().build();

        assertThat(Fixtures.messages(validator.validateCreate(ok, false))).isEmpty();
        assertThat(Fixtures.messages(validator.validateCreate(bare, false))).containsExactly(
                "spec.controller: Invalid value: \"nginx\": must be a domain-prefixed path (such as \"acme.io/foo\")");
        assertThat(Fixtures.messages(validator.validateCreate(none, false))).containsExactly("spec.controller: Required value");
    }
}
