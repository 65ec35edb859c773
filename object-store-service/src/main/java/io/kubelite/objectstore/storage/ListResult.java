package io.kubelite.objectstore.storage;

import java.util.List;

/** A page of objects, the resourceVersion the page is consistent with, and whether more rows follow. */
public record ListResult(List<StoredObject> items, long resourceVersion, boolean more) {
}
