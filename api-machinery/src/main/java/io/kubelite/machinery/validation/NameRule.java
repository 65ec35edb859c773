package io.kubelite.machinery.validation;

import java.util.List;
import java.util.function.Function;

/**
 * Which format an object's {@code metadata.name} must follow. A {@code generateName} prefix is
 * checked with a trailing dash replaced by a letter, because the server appends random characters.
 */
public enum NameRule {
    DNS1123_SUBDOMAIN(NameRules::isDns1123Subdomain),
    DNS1123_LABEL(NameRules::isDns1123Label),
    DNS1035_LABEL(NameRules::isDns1035Label),
    /** RBAC objects ({@code system:basic-user}): any name that is a valid URL path segment. */
    PATH_SEGMENT(NameRules::isValidPathSegmentName);

    private final Function<String, List<String>> rule;

    NameRule(Function<String, List<String>> rule) {
        this.rule = rule;
    }

    public List<String> check(String name, boolean prefix) {
        if (this == PATH_SEGMENT && prefix) {
            return NameRules.isValidPathSegmentPrefix(name);
        }
        if (prefix && name.length() > 1 && name.endsWith("-")) {
            name = name.substring(0, name.length() - 1) + "a";
        }
        return rule.apply(name);
    }
}
