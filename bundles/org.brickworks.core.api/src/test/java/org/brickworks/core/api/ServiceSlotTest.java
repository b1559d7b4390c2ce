package org.brickworks.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class ServiceSlotTest {
    private static final Duration LONG_PATIENCE = Duration.ofSeconds(10);

    @Test
    void getReturnsTheBoundService() {
        ServiceSlot<String> slot = new ServiceSlot<>("token", Duration.ZERO);

        slot.bind("provider");

        assertThat(slot.get()).isEqualTo("provider");
    }

    @Test
    void getWaitsForABindThatHappensOnAnotherThread() throws InterruptedException {
        ServiceSlot<String> slot = new ServiceSlot<>("token", LONG_PATIENCE);
        Thread caller = Thread.currentThread();
        AtomicBoolean sawCallerWaiting = new AtomicBoolean();
        Thread binder = new Thread(() -> {
            sawCallerWaiting.set(awaitState(caller, Thread.State.TIMED_WAITING, LONG_PATIENCE));
            slot.bind("late provider");
        }, "binder");
        binder.start();

        String service = slot.get();

        binder.join(LONG_PATIENCE.toMillis());
        assertThat(service).isEqualTo("late provider");
        assertThat(sawCallerWaiting).as("get() was waiting before the bind").isTrue();
    }

    @Test
    void getThrowsTemporarilyUnavailableAfterItsPatience() {
        Duration patience = Duration.ofMillis(50);
        ServiceSlot<String> slot = new ServiceSlot<>("token", patience);
        long start = System.nanoTime();

        assertThatThrownBy(slot::get)
                .isInstanceOfSatisfying(BrickworksException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TEMPORARILY_UNAVAILABLE))
                .hasMessageContaining("token service is not available");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(patience);
    }

    @Test
    void unbindOfAnOldProviderDoesNotClearANewerOne() {
        ServiceSlot<String> slot = new ServiceSlot<>("token", Duration.ZERO);
        slot.bind("old");
        slot.bind("new");

        slot.unbind("old");

        assertThat(slot.get()).isEqualTo("new");
    }

    @Test
    void unbindOfTheCurrentProviderEmptiesTheSlot() {
        ServiceSlot<String> slot = new ServiceSlot<>("token", Duration.ZERO);
        slot.bind("only");

        slot.unbind("only");

        assertThatThrownBy(slot::get).isInstanceOf(BrickworksException.class);
        assertThat(slot).hasToString("ServiceSlot[token, empty]");
    }

    @Test
    void interruptedWaitFailsAndKeepsTheInterruptFlag() {
        ServiceSlot<String> slot = new ServiceSlot<>("token", LONG_PATIENCE);
        Thread.currentThread().interrupt();

        try {
            assertThatThrownBy(slot::get)
                    .isInstanceOfSatisfying(BrickworksException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TEMPORARILY_UNAVAILABLE))
                    .hasMessageContaining("Interrupted");
        } finally {
            assertThat(Thread.interrupted()).as("interrupt flag restored").isTrue();
        }
    }

    private static boolean awaitState(Thread thread, Thread.State state, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (thread.getState() != state) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }
}
