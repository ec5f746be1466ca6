package dev.perfmonitoring.stack.load;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The ids the Person requests pick, as the k6 script picks them: uniformly at random from 1..{@code size}. k6's VUs
 * share no memory, so neither script nor runner knows which persons exist; the range is that of the ids a fresh
 * demo-api gives the run's creates, and a 404 for an id not (or no longer) there is expected.
 */
record IdRange(long size) {

    IdRange {
        if (size < 1) {
            throw new IllegalArgumentException("id range must hold at least one id, got " + size);
        }
    }

    /** The k6 script's {@code randomId()}: {@code 1 + floor(random * size)}. */
    long randomId() {
        return 1 + randomStart();
    }

    /** The k6 script's list start: {@code floor(random * size)}, 0..size-1. */
    long randomStart() {
        return (long) Math.floor(ThreadLocalRandom.current().nextDouble() * size);
    }
}
