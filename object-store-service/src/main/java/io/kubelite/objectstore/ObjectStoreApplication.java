package io.kubelite.objectstore;

import io.kubelite.objectstore.resource.ResourceRegistry;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
public class ObjectStoreApplication {

    public static void main(String[] args) {
        SpringApplication.run(ObjectStoreApplication.class, args);
    }

    @Bean
    ResourceRegistry resourceRegistry() {
        return new ResourceRegistry();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
