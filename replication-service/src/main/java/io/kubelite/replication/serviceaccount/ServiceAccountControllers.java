package io.kubelite.replication.serviceaccount;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubelite.controller.informer.Informer;
import io.kubelite.controller.reconcile.Controller;
import io.kubelite.controller.reconcile.ControllerBuilder;
import io.kubelite.replication.ControllerSet;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;

/**
 * The service account controller and the root CA publisher, keyed by namespace, on the Namespace,
 * ServiceAccount and ConfigMap informers.
 */
public final class ServiceAccountControllers implements ControllerSet {

    private final Informer<Namespace> namespaces;
    private final Informer<ServiceAccount> accounts;
    private final Informer<ConfigMap> configMaps;
    private final DefaultServiceAccount reconciler;
    private final RootCaPublisher rootCa;
    private final Clock clock;
    private final MeterRegistry meters;

    /** @param caPem the API's CA (PEM) that {@link RootCaPublisher} publishes; empty without TLS */
    public ServiceAccountControllers(KubernetesClient client, Informer<Namespace> namespaces,
            Informer<ServiceAccount> accounts, Informer<ConfigMap> configMaps, String caPem, Clock clock, MeterRegistry meters) {
        this.namespaces = namespaces;
        this.accounts = accounts;
        this.configMaps = configMaps;
        this.rootCa = new RootCaPublisher(namespaces.lister(), configMaps.lister(), caPem, new RootCaPublisher.Api() {
            @Override
            public void create(ConfigMap configMap) {
                try {
                    client.configMaps().inNamespace(configMap.getMetadata().getNamespace()).resource(configMap).create();
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 409) {
                        throw e;
                    }
                }
            }

            @Override
            public void update(ConfigMap configMap) {
                client.configMaps().inNamespace(configMap.getMetadata().getNamespace()).resource(configMap).update();
            }
        });
        this.clock = clock;
        this.meters = meters;
        this.reconciler = new DefaultServiceAccount(namespaces.lister(), accounts.lister(), account -> {
            try {
                client.serviceAccounts().inNamespace(account.getMetadata().getNamespace()).resource(account).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
        });
    }

    @Override
    public List<Controller> build() {
        return List.of(ControllerBuilder.named("serviceaccount")
                .watches(namespaces, ns -> List.of(DefaultServiceAccount.keyOf(ns.getMetadata().getName())))
                .watches(accounts, account -> List.of(DefaultServiceAccount.keyOf(account.getMetadata().getNamespace())))
                .reconciler(reconciler).workers(1).clock(clock).meterRegistry(meters).build(),
                ControllerBuilder.named("root-ca-cert-publisher")
                        .watches(namespaces, ns -> List.of(DefaultServiceAccount.keyOf(ns.getMetadata().getName())))
                        .watches(configMaps, cm -> RootCaPublisher.NAME.equals(cm.getMetadata().getName())
                                ? List.of(DefaultServiceAccount.keyOf(cm.getMetadata().getNamespace())) : List.of())
                        .reconciler(rootCa).workers(1).clock(clock).meterRegistry(meters).build());
    }
}
