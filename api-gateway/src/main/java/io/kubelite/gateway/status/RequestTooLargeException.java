package io.kubelite.gateway.status;

/** A request body grew past the configured limit; answered with 413 RequestEntityTooLarge. */
public class RequestTooLargeException extends RuntimeException {

    private final long limitBytes;

    public RequestTooLargeException(long limitBytes) {
        super("request entity too large: limit is " + limitBytes);
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
