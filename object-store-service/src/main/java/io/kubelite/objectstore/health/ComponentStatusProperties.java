package io.kubelite.objectstore.health;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where {@code kubectl get componentstatuses} looks ({@code kubelite.component-status.*}): the
 * health URL of the scheduler (scheduler-service) and of the controller manager
 * (replication-service), as kube-apiserver probes kube-scheduler's and kube-controller-manager's
 * {@code /healthz}; and the server of the metrics API (autoscaler-service), whose health is the
 * Available condition of APIService {@code v1beta1.metrics.k8s.io}. Every key is listed in the
 * README's configuration table.
 */
@ConfigurationProperties("kubelite.component-status")
public record ComponentStatusProperties(
        @DefaultValue("http://127.0.0.1:18082/actuator/health") String scheduler,
        @DefaultValue("http://127.0.0.1:18083/actuator/health") String controllerManager,
        @DefaultValue("http://127.0.0.1:18084/actuator/health") String metricsApi) {
}
