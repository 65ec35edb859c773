package io.kubelite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a suite of pod tests in a namespace of its own starts from: the shared cluster with both
 * nodes Ready, kubectl, the busybox test image and the namespace, which {@link #delete()} removes.
 */
record SuiteNamespace(LocalCluster cluster, Kubectl kubectl, String image, String name) {

    static SuiteNamespace create(String name) {
        LocalCluster cluster = LocalCluster.get();
        Kubectl kubectl = new Kubectl(cluster.kubeconfig());
        String image = BusyboxImage.ensure();
        kubectl.awaitBothNodesReady();
        kubectl.run("create", "namespace", name);
        return new SuiteNamespace(cluster, kubectl, image, name);
    }

    /** {@code kubectl apply} of a manifest into the namespace, with {@code IMAGE} standing for the test image. */
    void apply(String yaml) {
        var r = kubectl.runWithInput(yaml.replace("IMAGE", image), "apply", "-n", name, "-f", "-");
        assertThat(r.code()).as(r.all()).isZero();
    }

    /** Runs kubectl and asserts it succeeded, printing the command and its output when it did not. */
    Kubectl.Result ok(String... args) {
        Kubectl.Result r = kubectl.run(args);
        assertThat(r.code()).as(String.join(" ", args) + "\n" + r.all()).isZero();
        return r;
    }

    /** The path of {@code examples/<name>} in the cluster's checkout. */
    String example(String name) {
        return cluster.home.resolve("examples").resolve(name).toString();
    }

    void delete() {
        kubectl.run("delete", "namespace", name, "--wait=false");
    }
}
