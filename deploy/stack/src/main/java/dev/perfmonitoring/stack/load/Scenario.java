package dev.perfmonitoring.stack.load;

import java.time.Duration;

/**
 * One scenario of the Person load test, with k6's executor semantics.
 *
 * @param name      the k6 scenario name (also the endpoint it exercises)
 * @param executor  how iterations are scheduled
 * @param operation what one iteration does
 */
record Scenario(String name, Executor executor, Operation operation) {

    /** One iteration: a request against demo-api. */
    @FunctionalInterface
    interface Operation {
        Outcome run(PersonApiClient client, KnownPersons persons);
    }

    /** k6 executors used by the seed's script. */
    sealed interface Executor permits SharedIterations, ConstantArrivalRate {
        /** Threads the executor may use at once (k6 VUs / maxVUs). */
        int vus();
    }

    /**
     * k6 {@code shared-iterations}: {@code vus} workers share {@code iterations}, spread evenly over
     * {@code maxDuration} (paced, so a short run is not over in its first second), never past it.
     */
    record SharedIterations(int vus, int iterations, Duration maxDuration) implements Executor {
    }

    /** k6 {@code constant-arrival-rate}: {@code perSecond} iterations start each second, on at most {@code vus}. */
    record ConstantArrivalRate(double perSecond, Duration duration, int vus) implements Executor {
    }
}
