package io.kubelite.objectstore.relay;

import io.kubelite.objectstore.resource.ResourceRegistry;
import io.kubelite.objectstore.resource.ResourceType;
import io.kubelite.objectstore.storage.ChangeSignal;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

@Configuration(proxyBeanMethods = false)
class RelayConfiguration {

    @Bean
    ChangeTopics changeTopics(RelayProperties properties, ResourceRegistry registry) {
        Map<String, String> storageApiVersions = new HashMap<>();
        for (ResourceType type : registry.all()) {
            storageApiVersions.putIfAbsent(type.storageResource(), type.storageApiVersion());
        }
        return new ChangeTopics(properties.topicPrefix(), storageApiVersions);
    }

    @Bean
    OutboxRelay outboxRelay(RelayProperties properties, DataSource dataSource, ChangeTopics topics,
                            ChangeSignal signal, Clock clock) {
        return new OutboxRelay(properties, LockConnections.dedicatedTo(dataSource),
                () -> KafkaChangePublisher.connect(properties.bootstrapServers(), topics), signal, clock);
    }
}
