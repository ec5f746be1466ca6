package dev.perfmonitoring.stack.load;

import java.util.function.LongConsumer;

/** Runs one scenario's iterations the way its k6 executor schedules them. */
interface ScenarioExecutor {

    /**
     * Runs iterations until the executor is done, then returns once every iteration it started has ended (or was
     * interrupted after the graceful stop).
     *
     * @param iteration what one iteration does; called from the executor's VU threads
     * @param dropped   told of iterations that could not start (k6's {@code dropped_iterations}), as they are dropped
     */
    IterationCounts run(Runnable iteration, LongConsumer dropped) throws InterruptedException;

    static ScenarioExecutor of(String scenario, ExecutorConfig config) {
        if (config instanceof SharedIterationsConfig shared) {
            return new SharedIterations(scenario, shared);
        }
        return new ConstantArrivalRate(scenario, (ConstantArrivalRateConfig) config);
    }
}
