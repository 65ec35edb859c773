package io.kubelite.bench;

/** One request of a load phase; it throws when the request failed (transport error or unexpected status). */
@FunctionalInterface
interface Write {

    void perform() throws Exception;
}
