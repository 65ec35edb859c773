package io.kubelite.objectstore.rest;

/** Which part of an object a write may change. */
public enum Scope {
    /** A write to the object itself: status stays as stored (kinds with a status subresource). */
    OBJECT,
    /** A write to the status subresource: everything but status stays as stored. */
    STATUS,
    /** A write the server computes itself (binding): both may change. */
    ALL
}
