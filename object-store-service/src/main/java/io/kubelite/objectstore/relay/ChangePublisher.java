package io.kubelite.objectstore.relay;

import java.util.List;

/** Where the relay sends change-log batches. */
interface ChangePublisher extends AutoCloseable {

    /**
     * Sends the batch in order and returns once every record is acknowledged. On failure a prefix
     * of the batch may have been delivered, never a record after one that was not.
     */
    void publish(List<OutboxRecord> batch) throws PublishException, InterruptedException;

    @Override
    void close();

    /** A batch was not (completely) acknowledged; the relay sends it again. */
    final class PublishException extends Exception {

        PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
