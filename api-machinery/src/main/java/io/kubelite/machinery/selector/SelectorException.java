package io.kubelite.machinery.selector;

/**
 * A label or field selector that cannot be parsed or validated. The message is the one
 * Kubernetes gives for the same input, e.g. {@code unable to parse requirement: found '(',
 * expected: identifier}, so the API server can put it into a 400 Status unchanged.
 */
public class SelectorException extends IllegalArgumentException {

    public SelectorException(String message) {
        super(message);
    }
}
