package io.kubelite.machinery.patch;

import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 6901 pointer such as {@code /metadata/annotations/kubectl.kubernetes.io~1restartedAt}.
 * Tokens are unescaped {@code ~1} before {@code ~0}, so {@code ~01} is the key {@code ~1},
 * not {@code /}. The empty pointer {@code ""} is the whole document.
 */
record JsonPointer(String text, List<String> tokens) {

    static JsonPointer parse(String text, String operation) {
        if (text.isEmpty()) {
            return new JsonPointer(text, List.of());
        }
        if (!text.startsWith("/")) {
            throw new PatchException(operation + " operation does not apply: JSON pointer must be empty or start with '/': \""
                    + text + "\"");
        }
        List<String> tokens = new ArrayList<>();
        for (String raw : text.substring(1).split("/", -1)) {
            tokens.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return new JsonPointer(text, List.copyOf(tokens));
    }

    boolean isRoot() {
        return tokens.isEmpty();
    }

    JsonPointer parent() {
        return new JsonPointer(text.substring(0, text.lastIndexOf('/')), tokens.subList(0, tokens.size() - 1));
    }

    String last() {
        return tokens.get(tokens.size() - 1);
    }

    /** Whether this pointer names a location strictly inside {@code other}: {@code /a/b} is inside {@code /a}. */
    boolean isInside(JsonPointer other) {
        return tokens.size() > other.tokens.size() && tokens.subList(0, other.tokens.size()).equals(other.tokens);
    }

    @Override
    public String toString() {
        return text;
    }
}
