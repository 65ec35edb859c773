package io.kubelite.objectstore.rest;

import io.kubelite.objectstore.admission.FieldValidation;

import java.util.ArrayList;
import java.util.List;

/** What a write request asked for besides its body, and the warnings it collects on the way. */
public record WriteOptions(FieldValidation fieldValidation, boolean dryRun, String fieldManager, boolean force,
                    List<String> warnings) {

    static WriteOptions of(String fieldValidation, String dryRun, String fieldManager, String force) {
        return new WriteOptions(FieldValidation.parse(fieldValidation), "All".equals(dryRun), fieldManager,
                "true".equals(force), new ArrayList<>());
    }
}
