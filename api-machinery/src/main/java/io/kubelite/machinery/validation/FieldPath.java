package io.kubelite.machinery.validation;

/**
 * An immutable field path rendered the way Kubernetes prints it:
 * {@code spec.template.spec.containers[0].resources.requests[cpu]}.
 * Children are joined with a dot, list indexes and map keys are appended in brackets.
 */
public record FieldPath(String text) {

    public static final FieldPath ROOT = new FieldPath("");

    public static FieldPath of(String... names) {
        FieldPath path = ROOT;
        for (String name : names) {
            path = path.child(name);
        }
        return path;
    }

    public FieldPath child(String... names) {
        StringBuilder sb = new StringBuilder(text);
        for (String name : names) {
            if (!sb.isEmpty()) {
                sb.append('.');
            }
            sb.append(name);
        }
        return new FieldPath(sb.toString());
    }

    public FieldPath index(int index) {
        return new FieldPath(text + "[" + index + "]");
    }

    public FieldPath key(String key) {
        return new FieldPath(text + "[" + key + "]");
    }

    @Override
    public String toString() {
        return text;
    }
}
