package io.kubelite.machinery.patch;

/**
 * A patch that is malformed or does not apply to the object. The message names the
 * operation and path or the directive at fault, e.g.
 * {@code replace operation does not apply: doc is missing key: /spec/paused: missing value},
 * and is what the API server returns in the Status.
 */
public class PatchException extends IllegalArgumentException {

    public PatchException(String message) {
        super(message);
    }
}
