package io.kubelite.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigMapMixTest {

    /** Records the requests instead of sending them. */
    static final class RecordingConfigMaps implements ConfigMapMix.ConfigMaps {
        final List<String> requests = new ArrayList<>();
        boolean failCreates;

        @Override
        public synchronized void create(String name) {
            requests.add("create " + name);
            if (failCreates) {
                throw new IllegalStateException("answered 500");
            }
        }

        @Override
        public synchronized void update(String name, long generation) {
            requests.add("update " + name + " to " + generation);
        }
    }

    @Test
    void alternatesCreatesAndUpdatesGoingRoundTheCreatedObjects() throws Exception {
        RecordingConfigMaps api = new RecordingConfigMaps();
        ConfigMapMix mix = new ConfigMapMix(api, "p");
        for (int i = 0; i < 6; i++) {
            mix.perform();
        }
        assertThat(api.requests).containsExactly(
                "create p-0", "update p-0 to 1", "create p-2", "update p-0 to 3", "create p-4", "update p-2 to 5");
    }

    @Test
    void anObjectFailedToCreateIsNeverUpdated() throws Exception {
        RecordingConfigMaps api = new RecordingConfigMaps();
        ConfigMapMix mix = new ConfigMapMix(api, "p");
        api.failCreates = true;
        assertThatThrownBy(mix::perform).hasMessage("answered 500");
        api.failCreates = false;
        mix.perform();
        assertThat(api.requests).containsExactly("create p-0", "create p-1");
    }

    @Test
    void anObjectBeingUpdatedIsNotUpdatedAgainUntilThatAnswers() throws Exception {
        CountDownLatch updateStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> requests = new ArrayList<>();
        ConfigMapMix mix = new ConfigMapMix(new ConfigMapMix.ConfigMaps() {
            @Override
            public synchronized void create(String name) {
                requests.add("create " + name);
            }

            @Override
            public void update(String name, long generation) throws InterruptedException {
                boolean first;
                synchronized (this) {
                    requests.add("update " + name);
                    first = updateStarted.getCount() == 1;
                    updateStarted.countDown();
                }
                if (first) {
                    release.await(5, TimeUnit.SECONDS);
                }
            }
        }, "p");
        mix.perform();
        Thread slowUpdate = new Thread(() -> {
            try {
                mix.perform();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        slowUpdate.start();
        assertThat(updateStarted.await(5, TimeUnit.SECONDS)).isTrue();
        mix.perform();
        mix.perform();
        release.countDown();
        slowUpdate.join();
        assertThat(requests).containsExactly("create p-0", "update p-0", "create p-2", "update p-2");
    }
}
