package io.kubelite.objectstore.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class StatusBodiesTest {

    @Test
    void aPathTheServerDoesNotServeIsA404WithEmptyDetails() {
        ObjectNode status = StatusBodies.of(ApiException.noSuchResource());
        assertThat(status.toString()).isEqualTo("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
                + "\"status\":\"Failure\",\"message\":\"the server could not find the requested resource\","
                + "\"reason\":\"NotFound\",\"details\":{},\"code\":404}");
    }

    @Test
    void aMissingObjectNamesItAndABadRequestHasNoDetails() {
        assertThat(StatusBodies.of(ApiException.notFound("", "pods", "web")).path("details").toString())
                .isEqualTo("{\"name\":\"web\",\"kind\":\"pods\"}");
        assertThat(StatusBodies.of(ApiException.badRequest("no")).has("details")).isFalse();
    }
}
