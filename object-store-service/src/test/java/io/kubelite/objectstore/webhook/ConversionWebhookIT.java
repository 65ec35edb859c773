package io.kubelite.objectstore.webhook;

import io.kubelite.objectstore.ApiServerTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CustomResourceDefinition converting through a webhook, against a real PostgreSQL and a real
 * HTTPS webhook on 127.0.0.1 that renames {@code spec.schedule} (v1beta1) to {@code spec.cronSpec}
 * (v1, the storage version) and back: objects written in either version are stored in v1 and read
 * in the version asked for; a webhook that fails fails the read with 500.
 */
class ConversionWebhookIT extends ApiServerTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

    @TempDir
    Path dir;
    TestWebhookServer webhook;
    volatile boolean broken;

    @BeforeEach
    void startWebhook() throws Exception {
        webhook = new TestWebhookServer(dir);
        webhook.handleRaw("/convert", review -> {
            JsonNode request = review.path("request");
            ObjectNode response = JSON.createObjectNode().put("uid", request.path("uid").asString());
            if (broken) {
                response.putObject("result").put("status", "Failure").put("message", "the converter is down");
                return response;
            }
            String desired = request.path("desiredAPIVersion").asString();
            var objects = response.putArray("convertedObjects");
            for (JsonNode o : request.path("objects")) {
                ObjectNode c = (ObjectNode) o.deepCopy();
                c.put("apiVersion", desired);
                ObjectNode spec = (ObjectNode) c.path("spec");
                String from = desired.endsWith("/v1") ? "schedule" : "cronSpec";
                String to = desired.endsWith("/v1") ? "cronSpec" : "schedule";
                if (spec.has(from)) {
                    spec.set(to, spec.remove(from));
                }
                objects.add(c);
            }
            response.putObject("result").put("status", "Success");
            return response;
        });
    }

    @AfterEach
    void stop() {
        api.delete(CRDS + "/crontabs.conversion.example.com");
        webhook.close();
    }

    String definition() {
        return """
                {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
                 "metadata":{"name":"crontabs.conversion.example.com"},
                 "spec":{"group":"conversion.example.com","scope":"Namespaced",
                  "names":{"plural":"crontabs","singular":"crontab","kind":"CronTab"},
                  "conversion":{"strategy":"Webhook","webhook":{"conversionReviewVersions":["v1"],
                    "clientConfig":{"url":"%s","caBundle":"%s"}}},
                  "versions":[
                   {"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object","properties":{
                     "spec":{"type":"object","properties":{"cronSpec":{"type":"string"}}}}}}},
                   {"name":"v1beta1","served":true,"storage":false,"schema":{"openAPIV3Schema":{"type":"object","properties":{
                     "spec":{"type":"object","properties":{"schedule":{"type":"string"}}}}}}}]}}"""
                .formatted(webhook.url("/convert"), webhook.caBundle());
    }

    @Test
    void objectsAreConvertedByTheWebhookBothWays() {
        var crd = api.post(CRDS, definition());
        assertThat(crd.code()).as(crd.raw()).isEqualTo(201);

        var created = api.post("/apis/conversion.example.com/v1beta1/namespaces/default/crontabs", """
                {"apiVersion":"conversion.example.com/v1beta1","kind":"CronTab","metadata":{"name":"nightly","labels":{"a":"b"}},
                 "spec":{"schedule":"0 3 * * *"}}""");
        assertThat(created.code()).as(created.raw()).isEqualTo(201);
        assertThat(created.body().path("apiVersion").asString()).isEqualTo("conversion.example.com/v1beta1");
        assertThat(created.body().path("spec").path("schedule").asString()).isEqualTo("0 3 * * *");

        var v1 = api.get("/apis/conversion.example.com/v1/namespaces/default/crontabs/nightly").body();
        assertThat(v1.path("spec").path("cronSpec").asString()).as("stored in v1").isEqualTo("0 3 * * *");
        assertThat(v1.path("spec").has("schedule")).isFalse();
        assertThat(v1.path("metadata").path("labels").path("a").asString()).isEqualTo("b");

        var list = api.get("/apis/conversion.example.com/v1beta1/namespaces/default/crontabs").body();
        assertThat(list.path("items").get(0).path("spec").path("schedule").asString()).isEqualTo("0 3 * * *");
        assertThat(webhook.requests).anySatisfy(r -> assertThat(r.path("kind").asString()).isEqualTo("ConversionReview"));

        broken = true;
        var failed = api.get("/apis/conversion.example.com/v1beta1/namespaces/default/crontabs/nightly");
        assertThat(failed.code()).as(failed.raw()).isEqualTo(500);
        assertThat(failed.body().path("message").asString()).isEqualTo("Internal error occurred: conversion webhook for "
                + "conversion.example.com/v1, Kind=CronTab failed: conversion request failed for nightly: the converter is down");
        assertThat(api.get("/apis/conversion.example.com/v1/namespaces/default/crontabs/nightly").code())
                .as("the storage version needs no conversion").isEqualTo(200);
    }
}
