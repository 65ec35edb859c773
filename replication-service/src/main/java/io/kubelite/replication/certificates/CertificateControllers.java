package io.kubelite.replication.certificates;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubelite.controller.informer.Informer;
import io.kubelite.controller.reconcile.Controller;
import io.kubelite.controller.reconcile.ControllerBuilder;
import io.kubelite.replication.ControllerSet;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CSR signer ({@code csrsigning}, one key per CSR name, only with a signing CA) and the CSR
 * cleaner ({@code csrcleaner}, one key, a pass at start and then every period), on the
 * CertificateSigningRequest informer.
 */
public final class CertificateControllers implements ControllerSet {

    /** kube-controller-manager runs each signing controller with 5 workers. */
    static final int SIGNING_WORKERS = 5;

    private final Informer<CertificateSigningRequest> csrs;
    private final CsrSigningReconciler signing;
    private final CsrCleaner cleaner;
    private final Clock clock;
    private final MeterRegistry meters;

    /** @param ca the signing CA; empty: CSRs are not signed, only cleaned */
    public CertificateControllers(KubernetesClient client, Informer<CertificateSigningRequest> csrs, Optional<SigningCa> ca,
            CertificateProperties props, Clock clock, MeterRegistry meters) {
        this.csrs = csrs;
        this.clock = clock;
        this.meters = meters;
        this.signing = ca.map(authority -> new CsrSigningReconciler(csrs.lister(),
                new CsrSigner(authority, props.clusterSigningDuration(), clock), csr -> updateStatus(client, csr), clock))
                .orElse(null);
        this.cleaner = new CsrCleaner(() -> csrs.lister().list(),
                csr -> client.certificates().v1().certificateSigningRequests().withName(csr.getMetadata().getName()).delete(),
                props.cleanerPeriod(), clock);
    }

    private static CsrSigningReconciler.StatusWrite updateStatus(KubernetesClient client, CertificateSigningRequest csr) {
        try {
            client.certificates().v1().certificateSigningRequests().resource(csr).updateStatus();
            return CsrSigningReconciler.StatusWrite.WRITTEN;
        } catch (KubernetesClientException e) {
            return switch (e.getCode()) {
                case 404 -> CsrSigningReconciler.StatusWrite.GONE;
                case 409 -> CsrSigningReconciler.StatusWrite.CONFLICT;
                default -> throw e;
            };
        }
    }

    @Override
    public List<Controller> build() {
        List<Controller> controllers = new ArrayList<>();
        if (signing != null) {
            controllers.add(ControllerBuilder.named("csrsigning").forKind(csrs).reconciler(signing)
                    .workers(SIGNING_WORKERS).clock(clock).meterRegistry(meters).build());
        }
        Controller cleanerController = ControllerBuilder.named("csrcleaner").reconciler(cleaner).workers(1).clock(clock)
                .meterRegistry(meters).build();
        cleanerController.queue().add(CsrCleaner.KEY);
        controllers.add(cleanerController);
        return controllers;
    }
}
