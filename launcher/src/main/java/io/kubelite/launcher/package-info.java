/**
 * The processes the one-command local cluster ({@code ./kubelite up}) runs besides the kubelite
 * services: an embedded PostgreSQL ({@link io.kubelite.launcher.EmbeddedPostgresMain}) and a
 * single-node Kafka KRaft broker ({@link io.kubelite.launcher.KafkaBrokerMain}). Each runs in its
 * own JVM, keeps its data in the directory it is given, prints one {@code ... ready: } line when
 * clients can connect and stops cleanly on SIGTERM.
 */
package io.kubelite.launcher;
