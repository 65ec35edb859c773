/**
 * Label and field selectors with the syntax, matching rules and error messages of
 * Kubernetes' {@code k8s.io/apimachinery/pkg/labels} and {@code pkg/fields}.
 *
 * <p>Both selector types are immutable values. Besides {@code matches}, each exposes the
 * part of itself that a store can push down into a query ({@link
 * io.kubelite.machinery.selector.LabelSelector#equalities()}, {@link
 * io.kubelite.machinery.selector.FieldSelector#exactValue(String)}); the pushed-down part
 * is always a necessary condition, so callers still filter with {@code matches}.
 */
package io.kubelite.machinery.selector;
