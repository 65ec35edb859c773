package io.kubelite.objectstore.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * Both ends of one streaming connection (exec, port-forward): the client's WebSocket (a Spring
 * handler) and the node agent's (a JDK {@link WebSocket.Listener}). Messages pass unchanged, one at a time in each
 * direction: the agent is asked for its next message only after the previous one reached the
 * client, so a slow client slows the command's output instead of filling this server's memory.
 * Nothing is read from the agent before the client's side is open; whichever side closes first
 * closes the other.
 */
final class ExecRelay extends AbstractWebSocketHandler implements WebSocket.Listener {

    private static final int MAX_MESSAGE = 1024 * 1024;

    private volatile WebSocket agent;
    private volatile WebSocketSession client;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    // the agent's side

    @Override
    public void onOpen(WebSocket webSocket) {
        agent = webSocket;
        // no request(1) yet: the client's side is not open
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        partial.write(chunk, 0, chunk.length);
        if (last) {
            byte[] message = partial.toByteArray();
            partial.reset();
            try {
                sendToClient(message);
            } catch (IOException clientGone) {
                webSocket.abort();
                return null;
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeClient(statusCode == WebSocket.NORMAL_CLOSURE ? CloseStatus.NORMAL : new CloseStatus(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeClient(CloseStatus.SERVER_ERROR.withReason("lost the node agent: " + error.getMessage()));
    }

    // the client's side

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        session.setBinaryMessageSizeLimit(MAX_MESSAGE);
        client = session;
        agent.request(1);
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        agent.sendBinary(message.getPayload(), true).join();
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        agent.abort();
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        if (!agent.isOutputClosed()) {
            agent.sendClose(WebSocket.NORMAL_CLOSURE, "").whenComplete((ws, e) -> agent.abort());
        }
    }

    private synchronized void sendToClient(byte[] message) throws IOException {
        client.sendMessage(new BinaryMessage(message));
    }

    private synchronized void closeClient(CloseStatus status) {
        WebSocketSession session = client;
        if (session != null && session.isOpen()) {
            try {
                session.close(status);
            } catch (IOException alreadyGone) {
                // nothing left to close
            }
        }
    }
}
