package io.kubelite.replication.gc;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OwnerCheckTest {

    static List<OwnerReference> refs(String uids) {
        return uids.isBlank() ? List.of() : Arrays.stream(uids.split(" "))
                .map(uid -> new OwnerReferenceBuilder().withKind("ReplicaSet").withName("rs-" + uid).withUid(uid).build())
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "an object without owners is never collected; ''; ''; Keep",
            "an object whose owner exists is kept; a; a; Keep",
            "an object whose only owner is gone is deleted; a; ''; Delete",
            "an object with every owner gone is deleted; a b; ''; Delete",
            "an object with one owner left keeps it and loses the dangling reference; a b; b; DropReferences[goneUids=[a]]"})
    void collectsOnlyWhenEveryOwnerIsGone(String rule, String owners, String existing, String verdict) {
        Set<String> live = Set.copyOf(refs(existing).stream().map(OwnerReference::getUid).toList());
        OwnerCheck.Verdict v = OwnerCheck.decide(refs(owners), ref -> live.contains(ref.getUid()));
        assertThat(v.toString()).isEqualTo(verdict + (verdict.contains("[") ? "" : "[]"));
    }
}
