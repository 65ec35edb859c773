package io.kubelite.objectstore.crd;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes' version priority (apimachinery's {@code CompareKubeAwareVersionStrings}): versions
 * like {@code v1}, {@code v2beta1}, {@code v1alpha2} sort GA before beta before alpha, higher numbers
 * first; other names come after, alphabetically. Example: v2, v1, v11beta2, v10beta3, v3beta1,
 * v12alpha1, v11alpha2, foo1, foo10.
 */
final class KubeVersions {

    private static final Pattern KUBE = Pattern.compile("^v(\\d+)(?:(alpha|beta)(\\d+))?$");

    static final Comparator<String> PREFERRED_FIRST = KubeVersions::compare;

    private KubeVersions() {
    }

    static int compare(String a, String b) {
        Matcher ma = KUBE.matcher(a);
        Matcher mb = KUBE.matcher(b);
        boolean ka = ma.matches();
        boolean kb = mb.matches();
        if (!ka || !kb) {
            return ka ? -1 : kb ? 1 : a.compareTo(b);
        }
        int stage = Integer.compare(stage(mb.group(2)), stage(ma.group(2)));
        if (stage != 0) {
            return stage;
        }
        int major = Long.compare(Long.parseLong(mb.group(1)), Long.parseLong(ma.group(1)));
        if (major != 0 || ma.group(3) == null) {
            return major;
        }
        return Long.compare(Long.parseLong(mb.group(3)), Long.parseLong(ma.group(3)));
    }

    private static int stage(String qualifier) {
        return qualifier == null ? 2 : qualifier.equals("beta") ? 1 : 0;
    }
}
