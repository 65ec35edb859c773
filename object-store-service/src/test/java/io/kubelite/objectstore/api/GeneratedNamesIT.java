package io.kubelite.objectstore.api;

import io.kubelite.objectstore.ApiServerTest;
import io.kubelite.objectstore.rest.NameGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Creates with {@code generateName} whose generated names are taken: the server generates again,
 * up to eight names (Kubernetes' RetryGenerateName), then answers 409 as kube-apiserver does.
 * The names come from a script here, so the collisions are certain.
 */
class GeneratedNamesIT extends ApiServerTest {

    private static final String CONFIGMAPS = "/api/v1/namespaces/default/configmaps";

    @TestConfiguration
    static class ScriptedNamesConfig {
        @Bean
        @Primary
        ScriptedNames scriptedNames() {
            return new ScriptedNames();
        }
    }

    /** Gives the scripted names first, then random ones. */
    static class ScriptedNames extends NameGenerator {
        final Deque<String> next = new ArrayDeque<>();

        @Override
        public synchronized String generate(String prefix) {
            return next.isEmpty() ? super.generate(prefix) : next.poll();
        }
    }

    @Autowired
    ScriptedNames names;

    @AfterEach
    void clearScript() {
        names.next.clear();
    }

    @Test
    void generatesAnotherNameWhenTheFirstIsTaken() {
        create("{\"name\":\"web-aaaaa\"}");
        create("{\"name\":\"web-bbbbb\"}");
        names.next.addAll(List.of("web-aaaaa", "web-bbbbb", "web-ccccc"));

        var created = api.post(CONFIGMAPS, configMap("{\"generateName\":\"web-\"}"));

        assertThat(created.code()).as(created.raw()).isEqualTo(201);
        assertThat(created.body().path("metadata").path("name").asString()).isEqualTo("web-ccccc");
        assertThat(names.next).isEmpty();
    }

    @Test
    void answersAlreadyExistsAfterEightTakenNames() {
        for (int i = 0; i < 8; i++) {
            String name = "taken-" + i;
            create("{\"name\":\"" + name + "\"}");
            names.next.add(name);
        }
        names.next.add("taken-free");

        var refused = api.post(CONFIGMAPS, configMap("{\"generateName\":\"taken-\"}"));

        assertThat(refused.code()).as(refused.raw()).isEqualTo(409);
        assertThat(refused.body().path("reason").asString()).isEqualTo("AlreadyExists");
        assertThat(refused.body().path("message").asString()).isEqualTo(
                "configmaps \"taken-7\" already exists, the server was not able to generate a unique name for the object");
        assertThat(names.next).as("no ninth name was tried").containsExactly("taken-free");
        assertThat(api.get(CONFIGMAPS + "/taken-free").code()).isEqualTo(404);
    }

    @Test
    void aGivenNameThatIsTakenIsNotReplaced() {
        create("{\"name\":\"fixed\"}");
        names.next.add("fixed-other");

        var refused = api.post(CONFIGMAPS, configMap("{\"name\":\"fixed\",\"generateName\":\"fixed-\"}"));

        assertThat(refused.code()).isEqualTo(409);
        assertThat(refused.body().path("message").asString()).isEqualTo("configmaps \"fixed\" already exists");
        assertThat(names.next).containsExactly("fixed-other");
    }

    private void create(String metadata) {
        var r = api.post(CONFIGMAPS, configMap(metadata));
        assertThat(r.code()).as(r.raw()).isEqualTo(201);
    }

    private static String configMap(String metadata) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":" + metadata + ",\"data\":{\"k\":\"v\"}}";
    }
}
