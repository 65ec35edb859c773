package io.kubelite.machinery.patch;

import java.util.Objects;

/**
 * How a strategic merge patch combines a list, from the {@code patchStrategy} and
 * {@code patchMergeKey} tags of the Kubernetes Go types.
 *
 * <ul>
 *   <li>{@link #replace()}: no tag, the patch list replaces the live one
 *       ({@code tolerations}, {@code status.containerStatuses}, {@code spec.taints});</li>
 *   <li>{@link #mergeByKey(String)}: {@code patchStrategy:"merge"} with a key, elements are
 *       objects matched by that field ({@code containers} by {@code name});</li>
 *   <li>{@link #mergeScalars()}: {@code patchStrategy:"merge"} on a list of strings, the
 *       lists are unioned ({@code metadata.finalizers}).</li>
 * </ul>
 *
 * @param merge whether the list merges rather than being replaced
 * @param mergeKey the field identifying an element, "" for scalar lists and replaced lists
 */
public record ListStrategy(boolean merge, String mergeKey) {

    private static final ListStrategy REPLACE = new ListStrategy(false, "");
    private static final ListStrategy MERGE_SCALARS = new ListStrategy(true, "");

    public ListStrategy {
        Objects.requireNonNull(mergeKey);
        if (!merge && !mergeKey.isEmpty()) {
            throw new IllegalArgumentException("a replaced list has no merge key, got " + mergeKey);
        }
    }

    public static ListStrategy replace() {
        return REPLACE;
    }

    public static ListStrategy mergeScalars() {
        return MERGE_SCALARS;
    }

    public static ListStrategy mergeByKey(String mergeKey) {
        if (mergeKey.isEmpty()) {
            throw new IllegalArgumentException("merge key must not be empty");
        }
        return new ListStrategy(true, mergeKey);
    }
}
