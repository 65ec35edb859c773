package io.kubelite.dns;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubelite.controller.client.ClusterConnection;
import io.kubelite.controller.informer.Informer;
import io.kubelite.controller.informer.InformerFactory;
import io.kubelite.controller.manager.ControllerManager;
import io.kubelite.dns.endpoints.EndpointsController;
import io.kubelite.dns.server.ClusterDns;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.util.List;

/**
 * The endpoints controller on shared informers, leader-elected on {@code kube-system/<lease-name>};
 * the cluster DNS server on the same informers, on every replica.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DnsProperties.class)
class ControllerWiring {

    @Bean
    ClusterConnection clusterConnection() {
        return ClusterConnection.fromEnvironment();
    }

    @Bean(destroyMethod = "close")
    KubernetesClient kubernetesClient(ClusterConnection connection) {
        return connection.newClient("dns-service");
    }

    @Bean
    InformerFactory informerFactory(KubernetesClient client, ClusterConnection connection, DnsProperties props,
            MeterRegistry meters) {
        return new InformerFactory(client, connection.kafkaBootstrapServers(), props.resyncPeriod()).meterRegistry(meters);
    }

    /** The DNS server and its kube-dns Service; none with {@code kubelite.dns.server-port=0}. */
    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("${kubelite.dns.server-port:10053} != 0")
    ClusterDns clusterDns(KubernetesClient client, InformerFactory informers, DnsProperties props) throws IOException {
        return new ClusterDns(client, informers.informerFor(Service.class), informers.informerFor(Endpoints.class),
                new ClusterDns.Settings(props.domain(), props.serverAddress(), props.serverPort(), props.advertiseAddress(),
                        props.clusterIp(), props.upstream()));
    }

    @Bean(destroyMethod = "close")
    ControllerManager controllerManager(KubernetesClient client, InformerFactory informers, DnsProperties props,
            MeterRegistry meters) {
        Informer<Service> services = informers.informerFor(Service.class);
        Informer<Pod> pods = informers.informerFor(Pod.class);
        Informer<Endpoints> endpoints = informers.informerFor(Endpoints.class);
        ControllerManager manager = new ControllerManager("dns-service", client, informers, props.leaseName(),
                () -> List.of(EndpointsController.build(client, services, pods, endpoints, props.endpointWorkers(), meters),
                        EndpointsController.slices(client, services, pods, endpoints, informers.informerFor(EndpointSlice.class),
                                props.endpointWorkers(), meters)));
        manager.startInBackground();
        return manager;
    }
}
