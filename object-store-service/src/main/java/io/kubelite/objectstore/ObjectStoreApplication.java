package io.kubelite.objectstore;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ObjectStoreApplication {

    public static void main(String[] args) {
        SpringApplication.run(ObjectStoreApplication.class, args);
    }
}
