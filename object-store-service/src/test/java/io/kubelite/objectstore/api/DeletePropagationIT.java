package io.kubelite.objectstore.api;

import io.kubelite.objectstore.ApiClient;
import io.kubelite.objectstore.ApiServerTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** DeleteOptions.propagationPolicy on the API server's side of the cascade. */
class DeletePropagationIT extends ApiServerTest {

    private static final String RCS = "/api/v1/namespaces/default/replicationcontrollers";
    private static final String CMS = "/api/v1/namespaces/default/configmaps";

    private String owner(String name) {
        ApiClient.Response r = api.post(RCS, "{\"apiVersion\":\"v1\",\"kind\":\"ReplicationController\",\"metadata\":{\"name\":\""
                + name + "\"},\"spec\":{\"replicas\":0,\"selector\":{\"app\":\"" + name + "\"},\"template\":{\"metadata\":"
                + "{\"labels\":{\"app\":\"" + name + "\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}}}");
        assertThat(r.code()).as(r.raw()).isEqualTo(201);
        return r.body().path("metadata").path("uid").asString();
    }

    private void dependent(String name, String ownerName, String ownerUid) {
        ApiClient.Response r = api.post(CMS, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
                + "\",\"ownerReferences\":[{\"apiVersion\":\"v1\",\"kind\":\"ReplicationController\",\"name\":\"" + ownerName
                + "\",\"uid\":\"" + ownerUid + "\",\"controller\":true,\"blockOwnerDeletion\":true}]}}");
        assertThat(r.code()).as(r.raw()).isEqualTo(201);
    }

    @Test
    void foregroundKeepsAnOwnerWithDependentsUntilTheFinalizerIsRemoved() {
        String uid = owner("fg-owner");
        dependent("fg-child", "fg-owner", uid);

        ApiClient.Response deleted = api.delete(RCS + "/fg-owner?propagationPolicy=Foreground");

        assertThat(deleted.code()).as(deleted.raw()).isEqualTo(200);
        ApiClient.Response pending = api.get(RCS + "/fg-owner");
        assertThat(pending.code()).isEqualTo(200);
        assertThat(pending.body().path("metadata").path("deletionTimestamp").asString()).isNotEmpty();
        assertThat(pending.body().path("metadata").path("finalizers").toString()).contains("foregroundDeletion");
        assertThat(api.get(CMS + "/fg-child").code()).as("dependents are the garbage collector's to delete").isEqualTo(200);

        // What the garbage collector does once the dependents are gone: remove the finalizer.
        assertThat(api.delete(CMS + "/fg-child").code()).isEqualTo(200);
        ApiClient.Response finalized = api.patch(RCS + "/fg-owner", "application/merge-patch+json",
                "{\"metadata\":{\"finalizers\":null}}");
        assertThat(finalized.code()).as(finalized.raw()).isEqualTo(200);
        assertThat(api.get(RCS + "/fg-owner").code()).as("deleted once no finalizer is left").isEqualTo(404);
    }

    @Test
    void foregroundDeletesAnOwnerWithoutDependentsAtOnce() {
        owner("fg-alone");

        assertThat(api.delete(RCS + "/fg-alone?propagationPolicy=Foreground").code()).isEqualTo(200);

        assertThat(api.get(RCS + "/fg-alone").code()).isEqualTo(404);
    }

    @Test
    void orphanStripsTheOwnerFromDependentsInTheSameCommit() {
        String uid = owner("orphan-owner");
        dependent("orphan-child", "orphan-owner", uid);

        assertThat(api.delete(RCS + "/orphan-owner?propagationPolicy=Orphan").code()).isEqualTo(200);

        assertThat(api.get(RCS + "/orphan-owner").code()).isEqualTo(404);
        ApiClient.Response child = api.get(CMS + "/orphan-child");
        assertThat(child.code()).isEqualTo(200);
        assertThat(child.body().path("metadata").has("ownerReferences")).isFalse();
    }

    @Test
    void anUnknownPropagationPolicyIsABadRequestThatDeletesNothing() {
        owner("bad-policy");

        ApiClient.Response r = api.delete(RCS + "/bad-policy?propagationPolicy=Sideways");

        assertThat(r.code()).isEqualTo(400);
        assertThat(r.body().path("message").asString()).contains("propagationPolicy", "Sideways");
        assertThat(api.get(RCS + "/bad-policy").code()).isEqualTo(200);
    }
}
