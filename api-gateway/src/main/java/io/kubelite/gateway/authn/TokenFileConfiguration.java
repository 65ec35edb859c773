package io.kubelite.gateway.authn;

import java.nio.file.Path;
import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
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

    /** Service account tokens are accepted when the gateway has the key they are signed with. */
    @Bean
    @ConditionalOnExpression("!'${kubelite.service-account.key-file:}'.isBlank()")
    ServiceAccountTokenAuthenticator serviceAccountTokens(@Value("${kubelite.service-account.key-file}") String keyFile) {
        return ServiceAccountTokenAuthenticator.fromKeyFile(Path.of(keyFile), Clock.systemUTC());
    }
}
