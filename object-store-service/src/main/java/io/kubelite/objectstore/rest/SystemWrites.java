package io.kubelite.objectstore.rest;

import io.kubelite.objectstore.admission.FieldValidation;

import java.util.ArrayList;

/** Options for writes the API server makes on its own behalf. */
public final class SystemWrites {

    private SystemWrites() {
    }

    public static WriteOptions options() {
        return new WriteOptions(FieldValidation.STRICT, false, "kube-apiserver", false, new ArrayList<>(), "", "");
    }
}
