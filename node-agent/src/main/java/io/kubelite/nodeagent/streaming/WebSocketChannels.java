package io.kubelite.nodeagent.streaming;

import io.kubelite.machinery.remotecommand.StreamProtocol;
import java.io.IOException;
import java.io.OutputStream;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * The server's side of the exec channels: output streams that send each write as one message
 * on their channel. Sends are serialised, since stdout, stderr and the final status come from
 * different threads and a WebSocket session takes one message at a time.
 */
final class WebSocketChannels {

    private WebSocketSession session;

    synchronized void bind(WebSocketSession session) {
        this.session = session;
    }

    synchronized void send(byte[] message) throws IOException {
        if (session == null || !session.isOpen()) {
            throw new IOException("the exec connection is closed");
        }
        session.sendMessage(new BinaryMessage(message));
    }

    OutputStream output(byte channel) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] data, int offset, int length) throws IOException {
                send(StreamProtocol.frame(channel, data, offset, length));
            }
        };
    }
}
