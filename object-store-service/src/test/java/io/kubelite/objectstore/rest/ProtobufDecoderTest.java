package io.kubelite.objectstore.rest;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.kubelite.objectstore.errors.ApiException;
import io.kubernetes.client.proto.IntStr;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Resource;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Authentication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProtobufDecoderTest {

    private final ProtobufDecoder decoder = new ProtobufDecoder();

    /** Encodes one length-delimited message with the given fields, each written by the callback. */
    interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    static byte[] message(Writer w) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        w.write(out);
        out.flush();
        return bytes.toByteArray();
    }

    static byte[] entry(String key, String value) throws IOException {
        return message(o -> {
            o.writeString(1, key);
            o.writeString(2, value);
        });
    }

    /** What {@code kubectl create configmap cm-appvars --from-literal=apploglevel=info} sends. */
    static byte[] configMapBody() throws IOException {
        byte[] meta = message(o -> {
            o.writeString(1, "cm-appvars");
            o.writeString(2, "");
            o.writeString(3, "default");
        });
        byte[] raw = message(o -> {
            o.writeByteArray(1, meta);
            o.writeByteArray(2, entry("apploglevel", "info"));
            o.writeByteArray(2, entry("appdatadir", "/var/data"));
        });
        return wrapped("v1", "ConfigMap", raw);
    }

    /** Wraps a message's bytes as client-go sends them: magic, then a runtime.Unknown of its kind. */
    static byte[] wrapped(String apiVersion, String kind, byte[] raw) throws IOException {
        byte[] typeMeta = message(o -> {
            o.writeString(1, apiVersion);
            o.writeString(2, kind);
        });
        byte[] unknown = message(o -> {
            o.writeByteArray(1, typeMeta);
            o.writeBytes(2, ByteString.copyFrom(raw));
        });
        byte[] body = new byte[unknown.length + 4];
        body[0] = 'k';
        body[1] = '8';
        body[2] = 's';
        System.arraycopy(unknown, 0, body, 4, unknown.length);
        return body;
    }

    /** What {@code kubectl certificate approve} sends to the approval subresource: the request with its new condition. */
    @Test
    void decodesTheCertificateSigningRequestKubectlCertificateApproveSends() throws IOException {
        var csr = io.kubernetes.client.proto.V1Certificates.CertificateSigningRequest.newBuilder()
                .setMetadata(io.kubernetes.client.proto.Meta.ObjectMeta.newBuilder().setName("jane").setResourceVersion("42"))
                .setSpec(io.kubernetes.client.proto.V1Certificates.CertificateSigningRequestSpec.newBuilder()
                        .setRequest(ByteString.copyFromUtf8("-----BEGIN CERTIFICATE REQUEST-----\n"))
                        .setSignerName("kubernetes.io/kube-apiserver-client").setExpirationSeconds(86400)
                        .addUsages("client auth").setUsername("admin").addGroups("system:masters")
                        .putExtra("authentication.kubernetes.io/pod-name",
                                io.kubernetes.client.proto.V1Certificates.ExtraValue.newBuilder().addItems("web-0").build()))
                .setStatus(io.kubernetes.client.proto.V1Certificates.CertificateSigningRequestStatus.newBuilder()
                        .addConditions(io.kubernetes.client.proto.V1Certificates.CertificateSigningRequestCondition.newBuilder()
                                .setType("Approved").setStatus("True").setReason("KubectlApprove")
                                .setMessage("This CSR was approved by kubectl certificate approve.")
                                .setLastUpdateTime(io.kubernetes.client.proto.Meta.Time.newBuilder().setSeconds(1_795_000_000L))))
                .build();

        ObjectNode object = decoder.decode(wrapped("certificates.k8s.io/v1", "CertificateSigningRequest", csr.toByteArray()));

        assertThat(object.path("spec").path("request").asString())
                .as("bytes are base64, as Go's JSON writes []byte").isEqualTo("LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0K");
        assertThat(object.path("spec").path("expirationSeconds").asLong()).isEqualTo(86400);
        assertThat(object.path("spec").path("usages").toString()).isEqualTo("[\"client auth\"]");
        assertThat(object.path("spec").path("extra").toString())
                .isEqualTo("{\"authentication.kubernetes.io/pod-name\":[\"web-0\"]}");
        JsonNode condition = object.path("status").path("conditions").get(0);
        assertThat(condition.path("type").asString()).isEqualTo("Approved");
        assertThat(condition.path("reason").asString()).isEqualTo("KubectlApprove");
        assertThat(condition.path("lastUpdateTime").asString()).isEqualTo("2026-11-18T11:06:40Z");
        assertThat(condition.has("lastTransitionTime")).as("a zero time is not set").isFalse();
    }

    @Test
    void decodesTheConfigMapKubectlCreateSends() throws IOException {
        ObjectNode object = decoder.decode(configMapBody());
        assertThat(object.path("apiVersion").asString()).isEqualTo("v1");
        assertThat(object.path("kind").asString()).isEqualTo("ConfigMap");
        assertThat(object.path("metadata").path("name").asString()).isEqualTo("cm-appvars");
        assertThat(object.path("metadata").has("generateName")).as("empty strings are left out").isFalse();
        assertThat(object.path("data").path("apploglevel").asString()).isEqualTo("info");
        assertThat(object.path("data").path("appdatadir").asString()).isEqualTo("/var/data");
    }

    @Test
    void decodesTheAutoscalerKubectlAutoscaleSends() throws IOException {
        byte[] meta = message(o -> o.writeString(1, "php-apache"));
        byte[] target = message(o -> {
            o.writeString(1, "Deployment");
            o.writeString(2, "php-apache");
            o.writeString(3, "apps/v1");
        });
        byte[] spec = message(o -> {
            o.writeByteArray(1, target);
            o.writeInt32(2, 1);
            o.writeInt32(3, 10);
            o.writeInt32(4, 90);
        });
        byte[] raw = message(o -> {
            o.writeByteArray(1, meta);
            o.writeByteArray(2, spec);
        });
        byte[] typeMeta = message(o -> {
            o.writeString(1, "autoscaling/v1");
            o.writeString(2, "HorizontalPodAutoscaler");
        });
        byte[] unknown = message(o -> {
            o.writeByteArray(1, typeMeta);
            o.writeByteArray(2, raw);
        });
        byte[] body = new byte[unknown.length + 4];
        System.arraycopy(new byte[]{'k', '8', 's', 0}, 0, body, 0, 4);
        System.arraycopy(unknown, 0, body, 4, unknown.length);
        ObjectNode hpa = decoder.decode(body);
        assertThat(hpa.path("spec").path("scaleTargetRef").path("name").asString()).isEqualTo("php-apache");
        assertThat(hpa.path("spec").path("maxReplicas").asInt()).isEqualTo(10);
        assertThat(hpa.path("spec").path("targetCPUUtilizationPercentage").asInt()).isEqualTo(90);
    }

    @Test
    void refusesBodiesWithoutTheMagicPrefix() {
        assertThatThrownBy(() -> decoder.decode(new byte[]{1, 2, 3, 4, 5}))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(400));
    }

    @Test
    void answers415ForKindsItCannotDecode() throws IOException {
        byte[] typeMeta = message(o -> {
            o.writeString(1, "example.com/v1");
            o.writeString(2, "Widget");
        });
        byte[] unknown = message(o -> o.writeByteArray(1, typeMeta));
        byte[] body = new byte[unknown.length + 4];
        System.arraycopy(new byte[]{'k', '8', 's', 0}, 0, body, 0, 4);
        System.arraycopy(unknown, 0, body, 4, unknown.length);
        assertThatThrownBy(() -> decoder.decode(body))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("Widget")
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(415));
    }

    static byte[] body(String apiVersion, String kind, com.google.protobuf.Message object) {
        byte[] unknown = Runtime.Unknown.newBuilder()
                .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
                .setRaw(object.toByteString()).setContentEncoding("").setContentType("").build().toByteArray();
        byte[] body = new byte[unknown.length + 4];
        System.arraycopy(new byte[]{'k', '8', 's', 0}, 0, body, 0, 4);
        System.arraycopy(unknown, 0, body, 4, unknown.length);
        return body;
    }

    /** What {@code kubectl create token robot --duration=20m} sends. */
    @Test
    void decodesTheTokenRequestKubectlCreateTokenSends() {
        V1Authentication.TokenRequest request = V1Authentication.TokenRequest.newBuilder()
                .setMetadata(Meta.ObjectMeta.newBuilder().setName("robot").setNamespace("accounts"))
                .setSpec(V1Authentication.TokenRequestSpec.newBuilder().setExpirationSeconds(1200))
                .build();

        ObjectNode decoded = decoder.decode(body("authentication.k8s.io/v1", "TokenRequest", request));

        assertThat(decoded.path("kind").asString()).isEqualTo("TokenRequest");
        assertThat(decoded.path("spec").path("expirationSeconds").asLong()).isEqualTo(1200);
        assertThat(decoded.path("metadata").path("name").asString()).isEqualTo("robot");
    }

    /** What client-go (Helm's uninstall) sends with a DELETE: DeleteOptions in the deleted object's group version. */
    @ParameterizedTest
    @CsvSource({"v1", "apps/v1"})
    void decodesDeleteOptionsInAnyGroupVersion(String apiVersion) {
        Meta.DeleteOptions options = Meta.DeleteOptions.newBuilder().setPropagationPolicy("Background")
                .setGracePeriodSeconds(0).build();

        ObjectNode decoded = decoder.decode(body(apiVersion, "DeleteOptions", options));

        assertThat(decoded.path("kind").asString()).isEqualTo("DeleteOptions");
        assertThat(decoded.path("propagationPolicy").asString()).isEqualTo("Background");
        assertThat(decoded.path("gracePeriodSeconds").asLong()).isZero();
        assertThat(decoded.has("gracePeriodSeconds")).isTrue();
    }

    /**
     * {@code kubectl create deployment web --image=nginx --replicas=0 --port=80}, as Go's protobuf
     * writes it: every non-pointer field present, empty strings and a zero creationTimestamp included.
     */
    @Test
    void decodesTheDeploymentKubectlCreateSendsAsGoWritesIt() {
        Meta.ObjectMeta meta = Meta.ObjectMeta.newBuilder().setName("web").setGenerateName("").setNamespace("")
                .setCreationTimestamp(Meta.Time.newBuilder().setSeconds(0).setNanos(0))
                .putLabels("app", "web").build();
        V1.Container container = V1.Container.newBuilder().setName("nginx").setImage("nginx").setWorkingDir("")
                .addPorts(V1.ContainerPort.newBuilder().setContainerPort(80).setHostPort(0).setProtocol(""))
                .setResources(V1.ResourceRequirements.newBuilder()).setImagePullPolicy("")
                .setStdin(false).setStdinOnce(false).setTty(false).build();
        V1Apps.Deployment deployment = V1Apps.Deployment.newBuilder().setMetadata(meta)
                .setSpec(V1Apps.DeploymentSpec.newBuilder().setReplicas(0)
                        .setSelector(Meta.LabelSelector.newBuilder().putMatchLabels("app", "web"))
                        .setTemplate(V1.PodTemplateSpec.newBuilder()
                                .setMetadata(Meta.ObjectMeta.newBuilder().putLabels("app", "web")
                                        .setCreationTimestamp(Meta.Time.newBuilder()).setGeneration(0))
                                .setSpec(V1.PodSpec.newBuilder().addContainers(container).setHostNetwork(false)
                                        .setHostPID(false).setHostIPC(false).setTerminationGracePeriodSeconds(0)))
                        .setStrategy(V1Apps.DeploymentStrategy.newBuilder()).setMinReadySeconds(0).setPaused(false))
                .setStatus(V1Apps.DeploymentStatus.newBuilder()).build();

        ObjectNode d = decoder.decode(body("apps/v1", "Deployment", deployment));

        assertThat(d.path("apiVersion").asString()).isEqualTo("apps/v1");
        assertThat(d.path("kind").asString()).isEqualTo("Deployment");
        assertThat(d.path("metadata").path("name").asString()).isEqualTo("web");
        assertThat(d.path("metadata").has("generateName")).as("empty strings are left out").isFalse();
        assertThat(d.path("metadata").has("creationTimestamp")).as("a zero Time is left out").isFalse();
        assertThat(d.path("spec").path("replicas").isInt()).isTrue();
        assertThat(d.path("spec").path("replicas").asInt()).as("an explicit 0 stays").isZero();
        assertThat(d.path("spec").path("selector").path("matchLabels").path("app").asString()).isEqualTo("web");
        var c = d.path("spec").path("template").path("spec").path("containers").get(0);
        assertThat(c.path("image").asString()).isEqualTo("nginx");
        assertThat(c.has("imagePullPolicy")).isFalse();
        assertThat(c.path("ports").get(0).path("containerPort").asInt()).isEqualTo(80);
        assertThat(c.path("resources").isObject()).isTrue();
        assertThat(d.path("spec").path("template").path("metadata").has("creationTimestamp")).isFalse();
        // non-pointer zeros are "not set", as Go's JSON leaves them out; a pointer's zero stays
        assertThat(c.has("stdin") || c.has("stdinOnce") || c.has("tty")).as(c.toString()).isFalse();
        assertThat(c.path("ports").get(0).has("hostPort")).isFalse();
        var podSpec = d.path("spec").path("template").path("spec");
        assertThat(podSpec.has("hostNetwork") || podSpec.has("hostPID") || podSpec.has("hostIPC")).as(podSpec.toString()).isFalse();
        assertThat(podSpec.path("terminationGracePeriodSeconds").isNumber()).as("a pointer's 0 stays").isTrue();
        assertThat(d.path("spec").path("template").path("metadata").has("generation")).isFalse();
        assertThat(d.path("spec").has("minReadySeconds") || d.path("spec").has("paused")).isFalse();
    }

    /**
     * Go structs embedded inline (a Volume's source, a Probe's handler, a selector's
     * LocalObjectReference) give their fields to the parent, as in the pods {@code kubectl debug
     * node/… } and {@code --copy-to} create.
     */
    @Test
    void inlineEmbeddedStructsGiveTheirFieldsToTheParent() {
        V1.Container container = V1.Container.newBuilder().setName("debugger").setImage("busybox")
                .addEnv(V1.EnvVar.newBuilder().setName("MODE").setValueFrom(V1.EnvVarSource.newBuilder()
                        .setConfigMapKeyRef(V1.ConfigMapKeySelector.newBuilder()
                                .setLocalObjectReference(V1.LocalObjectReference.newBuilder().setName("settings"))
                                .setKey("mode"))))
                .setLivenessProbe(V1.Probe.newBuilder().setHandler(V1.ProbeHandler.newBuilder()
                        .setHttpGet(V1.HTTPGetAction.newBuilder().setPath("/healthz")
                                .setPort(IntStr.IntOrString.newBuilder().setType(0).setIntVal(8080).setStrVal(""))))
                        .setPeriodSeconds(5))
                .addVolumeMounts(V1.VolumeMount.newBuilder().setName("host-root").setMountPath("/host"))
                .build();
        V1.Pod pod = V1.Pod.newBuilder().setMetadata(Meta.ObjectMeta.newBuilder().setName("node-debugger"))
                .setSpec(V1.PodSpec.newBuilder().addContainers(container).addVolumes(V1.Volume.newBuilder()
                        .setName("host-root").setVolumeSource(V1.VolumeSource.newBuilder()
                                .setHostPath(V1.HostPathVolumeSource.newBuilder().setPath("/").setType(""))))).build();

        ObjectNode p = decoder.decode(body("v1", "Pod", pod));

        assertThat(p.path("spec").path("volumes").get(0).toString()).isEqualTo("{\"name\":\"host-root\",\"hostPath\":{\"path\":\"/\"}}");
        var c = p.path("spec").path("containers").get(0);
        assertThat(c.path("env").get(0).path("valueFrom").path("configMapKeyRef").toString())
                .isEqualTo("{\"name\":\"settings\",\"key\":\"mode\"}");
        assertThat(c.path("livenessProbe").toString())
                .isEqualTo("{\"httpGet\":{\"path\":\"/healthz\",\"port\":8080},\"periodSeconds\":5}");
    }

    /** A non-pointer field that is not zero is written as it is. */
    @Test
    void nonPointerFieldsThatAreSetStay() {
        V1.Container container = V1.Container.newBuilder().setName("shell").setImage("busybox").setStdin(true)
                .setTty(true).setStdinOnce(false).build();
        V1.Pod pod = V1.Pod.newBuilder().setMetadata(Meta.ObjectMeta.newBuilder().setName("shell"))
                .setSpec(V1.PodSpec.newBuilder().addContainers(container).setHostNetwork(true)).build();

        ObjectNode p = decoder.decode(body("v1", "Pod", pod));

        var c = p.path("spec").path("containers").get(0);
        assertThat(c.path("stdin").asBoolean()).isTrue();
        assertThat(c.path("tty").asBoolean()).isTrue();
        assertThat(c.has("stdinOnce")).isFalse();
        assertThat(p.path("spec").path("hostNetwork").asBoolean()).isTrue();
    }

    /** {@code kubectl create service nodeport web --tcp=8080:80}: targetPort is an IntOrString. */
    @Test
    void intOrStringBecomesANumberOrAString() {
        V1.Service service = V1.Service.newBuilder().setMetadata(Meta.ObjectMeta.newBuilder().setName("web"))
                .setSpec(V1.ServiceSpec.newBuilder().setType("NodePort").putSelector("app", "web")
                        .addPorts(V1.ServicePort.newBuilder().setName("8080-80").setPort(8080).setProtocol("TCP")
                                .setTargetPort(IntStr.IntOrString.newBuilder().setType(0).setIntVal(80).setStrVal("")))
                        .addPorts(V1.ServicePort.newBuilder().setName("http").setPort(81)
                                .setTargetPort(IntStr.IntOrString.newBuilder().setType(1).setIntVal(0).setStrVal("http"))))
                .build();

        ObjectNode s = decoder.decode(body("v1", "Service", service));

        var ports = s.path("spec").path("ports");
        assertThat(ports.get(0).path("targetPort").isInt()).isTrue();
        assertThat(ports.get(0).path("targetPort").asInt()).isEqualTo(80);
        assertThat(ports.get(1).path("targetPort").asString()).isEqualTo("http");
        assertThat(s.path("spec").path("type").asString()).isEqualTo("NodePort");
    }

    /** {@code kubectl create quota} and {@code create secret generic}: Quantity strings, base64 bytes, times. */
    @Test
    void quantitiesBytesAndTimesReadAsTheirJsonForms() {
        V1.ResourceQuota quota = V1.ResourceQuota.newBuilder().setMetadata(Meta.ObjectMeta.newBuilder().setName("q")
                        .setCreationTimestamp(Meta.Time.newBuilder().setSeconds(1_700_000_000L)))
                .setSpec(V1.ResourceQuotaSpec.newBuilder()
                        .putHard("pods", Resource.Quantity.newBuilder().setString("10").build())
                        .putHard("requests.memory", Resource.Quantity.newBuilder().setString("1Gi").build()))
                .build();
        ObjectNode q = decoder.decode(body("v1", "ResourceQuota", quota));
        assertThat(q.path("spec").path("hard").path("pods").asString()).isEqualTo("10");
        assertThat(q.path("spec").path("hard").path("requests.memory").asString()).isEqualTo("1Gi");
        assertThat(q.path("metadata").path("creationTimestamp").asString()).isEqualTo("2023-11-14T22:13:20Z");

        V1.Secret secret = V1.Secret.newBuilder().setMetadata(Meta.ObjectMeta.newBuilder().setName("s"))
                .putData("password", ByteString.copyFromUtf8("s3cr3t")).putData("empty", ByteString.EMPTY)
                .setType("Opaque").build();
        ObjectNode sec = decoder.decode(body("v1", "Secret", secret));
        assertThat(sec.path("data").path("password").asString()).isEqualTo("czNjcjN0");
        assertThat(sec.path("data").path("empty").asString()).isEmpty();
        assertThat(sec.path("type").asString()).isEqualTo("Opaque");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "v1, k8s.io.api.core.v1",
            "apps/v1, k8s.io.api.apps.v1",
            "batch/v1, k8s.io.api.batch.v1",
            "rbac.authorization.k8s.io/v1, k8s.io.api.rbac.v1",
            "networking.k8s.io/v1, k8s.io.api.networking.v1",
            "autoscaling/v1, k8s.io.api.autoscaling.v1",
            "authentication.k8s.io/v1, k8s.io.api.authentication.v1"})
    void apiVersionsMapToTheProtoPackages(String apiVersion, String protoPackage) {
        assertThat(ProtobufDecoder.protoPackage(apiVersion)).isEqualTo(protoPackage);
    }

    @ParameterizedTest(name = "{0} ns → {1}")
    @CsvSource({
            "0, 0s",
            "1500000000, 1.5s",
            "90000000000, 1m30s",
            "3600000000000, 1h0m0s",
            "3723000000000, 1h2m3s"})
    void durationsReadAsGoPrintsThem(long nanos, String text) {
        assertThat(ProtobufDecoder.goDuration(nanos)).isEqualTo(text);
    }
}
