package io.kubelite.replication;

import io.kubelite.controller.reconcile.Controller;

import java.util.List;

/** A group of controllers built afresh for every term of leadership. */
public interface ControllerSet {

    List<Controller> build();
}
