package io.kubelite.objectstore.rest;

import io.kubelite.machinery.credential.SharedToken;
import io.kubelite.objectstore.errors.ApiException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How the API server proves itself to the node agents when it asks them for logs, exec, attach,
 * port-forward and proxying: {@code Authorization: Bearer} with the token of
 * {@code kubelite.kubelet-client.token-file}, the part kube-apiserver's
 * {@code --kubelet-client-certificate} plays. An agent given the token's digest refuses any other
 * caller with 401.
 */
@Component
class KubeletClientCredential {

    private static final Logger log = LoggerFactory.getLogger(KubeletClientCredential.class);

    private final Optional<String> authorization;

    KubeletClientCredential(@Value("${kubelite.kubelet-client.token-file:}") String tokenFile) {
        this.authorization = SharedToken.readIfSet(tokenFile).map(token -> "Bearer " + token.value());
        if (authorization.isEmpty()) {
            log.info("kubelite.kubelet-client.token-file is not set: the node agents are called without credentials, "
                    + "which only agents without kubelite.kubelet-client.token-sha256-file accept");
        }
    }

    HttpRequest.Builder sign(HttpRequest.Builder request) {
        authorization.ifPresent(value -> request.setHeader("Authorization", value));
        return request;
    }

    WebSocket.Builder sign(WebSocket.Builder request) {
        authorization.ifPresent(value -> request.header("Authorization", value));
        return request;
    }

    /**
     * Fails with 503 when the agent's answer is its refusal of these credentials (a 401 with its
     * challenge, not a 401 a proxied pod gave), which is a misconfiguration of the cluster, not of
     * the user's request: kubectl must not read it as "You must be logged in".
     */
    static void checkAccepted(int status, HttpHeaders headers, String agent, String pod) {
        if (status == 401 && headers.allValues("WWW-Authenticate").contains(SharedToken.NODE_AGENT_CHALLENGE)) {
            throw refused(agent, pod);
        }
    }

    /** The same for a streamed answer, whose body is closed when it is the agent's refusal. */
    static void checkAccepted(java.net.http.HttpResponse<? extends java.io.InputStream> answer, String agent, String pod)
            throws java.io.IOException {
        try {
            checkAccepted(answer.statusCode(), answer.headers(), agent, pod);
        } catch (ApiException refused) {
            answer.body().close();
            throw refused;
        }
    }

    /** {@code agent}: "the node agent of node-1". */
    static ApiException refused(String agent, String pod) {
        return NodeAgentAddress.unavailable(agent + " refused the API server's credentials: "
                + "its kubelite.kubelet-client.token-sha256-file must be the SHA-256 of this API server's "
                + "kubelite.kubelet-client.token-file (./kubelite up and the Helm chart write both)", pod);
    }
}
