package io.kubelite.objectstore.rest;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.kubelite.objectstore.errors.ApiException;
import org.junit.jupiter.api.Test;
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
        byte[] typeMeta = message(o -> {
            o.writeString(1, "v1");
            o.writeString(2, "ConfigMap");
        });
        byte[] unknown = message(o -> {
            o.writeByteArray(1, typeMeta);
            o.writeBytes(2, ByteString.copyFrom(raw));
            o.writeString(3, "");
            o.writeString(4, "");
        });
        byte[] body = new byte[unknown.length + 4];
        body[0] = 'k';
        body[1] = '8';
        body[2] = 's';
        System.arraycopy(unknown, 0, body, 4, unknown.length);
        return body;
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
            o.writeString(1, "apps/v1");
            o.writeString(2, "Deployment");
        });
        byte[] unknown = message(o -> o.writeByteArray(1, typeMeta));
        byte[] body = new byte[unknown.length + 4];
        System.arraycopy(new byte[]{'k', '8', 's', 0}, 0, body, 0, 4);
        System.arraycopy(unknown, 0, body, 4, unknown.length);
        assertThatThrownBy(() -> decoder.decode(body))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(415));
    }
}
