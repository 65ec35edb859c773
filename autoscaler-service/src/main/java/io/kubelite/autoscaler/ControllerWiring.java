package io.kubelite.autoscaler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.kubelite.autoscaler.hpa.HpaController;
import io.kubelite.autoscaler.metrics.MetricsConsumer;
import io.kubelite.autoscaler.metrics.PodMetricsStore;
import io.kubelite.controller.client.ClusterConnection;
import io.kubelite.controller.events.ApiEventRecorder;
import io.kubelite.controller.informer.Informer;
import io.kubelite.controller.informer.InformerFactory;
import io.kubelite.controller.informer.Lister;
import io.kubelite.controller.manager.ControllerManager;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The metrics API's store and its Kafka feed, the informers the API and the HPA controller read,
 * and the HPA controller, leader-elected on {@code kube-system/<lease-name>}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AutoscalerProperties.class)
class ControllerWiring {

    @Bean
    ClusterConnection clusterConnection() {
        return ClusterConnection.fromEnvironment();
    }

    @Bean(destroyMethod = "close")
    KubernetesClient kubernetesClient(ClusterConnection connection) {
        return connection.newClient("autoscaler-service");
    }

    @Bean(destroyMethod = "close")
    InformerFactory informerFactory(KubernetesClient client, ClusterConnection connection, AutoscalerProperties props,
            MeterRegistry meters) {
        return new InformerFactory(client, connection.kafkaBootstrapServers(), props.resyncPeriod()).meterRegistry(meters);
    }

    @Bean
    Lister<Pod> podLister(InformerFactory informers) {
        return informers.informerFor(Pod.class).lister();
    }

    @Bean
    Lister<Node> nodeLister(InformerFactory informers) {
        return informers.informerFor(Node.class).lister();
    }

    @Bean(destroyMethod = "close")
    ApiEventRecorder eventRecorder(KubernetesClient client) {
        return new ApiEventRecorder(client, "horizontal-pod-autoscaler", hostname(), Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    ControllerManager controllerManager(KubernetesClient client, InformerFactory informers, AutoscalerProperties props,
            PodMetricsStore metrics, ApiEventRecorder events, MeterRegistry meters) {
        Informer<HorizontalPodAutoscaler> hpas = informers.informerFor(HorizontalPodAutoscaler.class);
        Lister<Pod> pods = informers.informerFor(Pod.class).lister();
        ControllerManager manager = new ControllerManager("autoscaler-service", client, informers, props.leaseName(),
                () -> List.of(HpaController.build(client, hpas, pods, metrics, events, props, meters)));
        manager.startInBackground();
        return manager;
    }

    private static String hostname() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    @Bean
    PodMetricsStore podMetricsStore(AutoscalerProperties props) {
        return new PodMetricsStore(props.metricsMaxAge(), Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    MetricsConsumer metricsConsumer(ClusterConnection connection, AutoscalerProperties props, PodMetricsStore store) {
        return new MetricsConsumer(connection.kafkaBootstrapServers(), props.metricsTopic(), store);
    }
}
