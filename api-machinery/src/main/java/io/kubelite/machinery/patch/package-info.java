/**
 * The three patch formats of {@code PATCH} requests, as pure functions on Jackson trees:
 * {@link io.kubelite.machinery.patch.JsonPatch} ({@code application/json-patch+json}),
 * {@link io.kubelite.machinery.patch.JsonMergePatch} ({@code application/merge-patch+json})
 * and {@link io.kubelite.machinery.patch.StrategicMergePatch}
 * ({@code application/strategic-merge-patch+json}) with its per-kind
 * {@link io.kubelite.machinery.patch.PatchSchema}.
 *
 * <p>No function mutates its arguments; each returns a tree that shares no mutable node
 * with them. A patch that cannot be applied raises a
 * {@link io.kubelite.machinery.patch.PatchException} whose message is meant for the user.
 */
package io.kubelite.machinery.patch;
