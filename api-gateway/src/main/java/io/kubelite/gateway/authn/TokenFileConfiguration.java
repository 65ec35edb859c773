package io.kubelite.gateway.authn;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.kubelite.gateway.GatewayProperties;

@Configuration(proxyBeanMethods = false)
class TokenFileConfiguration {

    /** Read once at startup, so a missing or malformed file shows in the startup log. */
    @Bean
    TokenFile tokenFile(GatewayProperties properties) {
        TokenFile tokenFile = new TokenFile(properties.tokensFile(), Clock.systemUTC());
        tokenFile.table();
        return tokenFile;
    }
}
