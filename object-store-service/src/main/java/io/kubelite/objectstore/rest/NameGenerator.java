package io.kubelite.objectstore.rest;

import org.springframework.stereotype.Component;

import java.security.SecureRandom;

/**
 * Names for objects created with {@code metadata.generateName}, as Kubernetes'
 * {@code SimpleNameGenerator}: the prefix (cut to 58 characters so the name fits 63) and five
 * random characters from an alphabet without vowels or confusable digits, e.g.
 * {@code frontend-} → {@code frontend-x7k2q}.
 */
@Component
public class NameGenerator {

    /** Kubernetes' alphabet for generated name suffixes. */
    private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final int SUFFIX_LENGTH = 5;
    private static final int MAX_PREFIX_LENGTH = 63 - SUFFIX_LENGTH;

    private final SecureRandom random = new SecureRandom();

    public String generate(String prefix) {
        StringBuilder name = new StringBuilder(prefix.length() > MAX_PREFIX_LENGTH ? prefix.substring(0, MAX_PREFIX_LENGTH) : prefix);
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            name.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
        }
        return name.toString();
    }
}
