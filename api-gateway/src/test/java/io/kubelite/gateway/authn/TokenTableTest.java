package io.kubelite.gateway.authn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TokenTableTest {

    private final UserInfo alice = new UserInfo("alice", "1000", List.of("dev"));
    private final UserInfo bob = new UserInfo("bob", "1001", List.of());
    private final TokenTable table = new TokenTable(Map.of("alice-token", alice, "bob-token", bob));

    @Test
    void findsTheUserOfAKnownToken() {
        assertThat(table.authenticate("alice-token")).contains(alice);
        assertThat(table.authenticate("bob-token")).contains(bob);
    }

    @Test
    void rejectsUnknownPrefixedExtendedAndEmptyTokens() {
        assertThat(table.authenticate("alice-toke")).isEmpty();
        assertThat(table.authenticate("alice-token2")).isEmpty();
        assertThat(table.authenticate("ALICE-TOKEN")).isEmpty();
        assertThat(table.authenticate("")).isEmpty();
        assertThat(table.authenticate(null)).isEmpty();
    }

    @Test
    void emptyTableAuthenticatesNobody() {
        assertThat(TokenTable.EMPTY.authenticate("alice-token")).isEmpty();
    }
}
