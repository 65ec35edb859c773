package io.kubelite.objectstore.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HealthChecksTest {

    final AtomicReference<String> storeFailure = new AtomicReference<>();
    final HealthChecks readyz = new HealthChecks("readyz", List.of(new HealthChecks.Check("ping", () -> null),
            new HealthChecks.Check("log", () -> null), new HealthChecks.Check("etcd", storeFailure::get),
            new HealthChecks.Check("shutdown", () -> null)));

    @Test
    void passingIsOkAndVerboseListsEveryCheck() {
        assertThat(readyz.all(false, List.of())).isEqualTo(new HealthChecks.Answer(200, "ok"));
        assertThat(readyz.all(true, List.of())).isEqualTo(new HealthChecks.Answer(200, """
                [+]ping ok
                [+]log ok
                [+]etcd ok
                [+]shutdown ok
                readyz check passed
                """));
    }

    @Test
    void aFailureIsA500AndAlwaysVerboseWithTheReasonWithheld() {
        storeFailure.set("connection refused");
        assertThat(readyz.all(false, List.of())).isEqualTo(new HealthChecks.Answer(500, """
                [+]ping ok
                [+]log ok
                [-]etcd failed: reason withheld
                [+]shutdown ok
                readyz check failed
                """));
        assertThat(readyz.one("etcd")).isEqualTo(new HealthChecks.Answer(500, "internal server error: connection refused\n"));
        assertThat(readyz.one("ping")).isEqualTo(new HealthChecks.Answer(200, "ok"));
    }

    @Test
    void excludedChecksAreSkippedInPlaceAndUnknownOnesWarnedAbout() {
        storeFailure.set("connection refused");
        assertThat(readyz.all(true, List.of("etcd", "nosuch", "alsonot"))).isEqualTo(new HealthChecks.Answer(200, """
                [+]ping ok
                [+]log ok
                [+]etcd excluded: ok
                [+]shutdown ok
                warn: some health checks cannot be excluded: no matches for "alsonot","nosuch"
                readyz check passed
                """));
        assertThat(readyz.one("nosuch").status()).isEqualTo(404);
    }
}
