package dev.perfmonitoring.stack.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * k6's {@code shared-iterations} executor, after {@code SharedIterations.Run} in k6's
 * {@code lib/executor/shared_iterations.go}: {@code vus} VU threads start together; each, as soon as it is free,
 * takes the next of the {@code iterations} (no pacing: a fast target finishes them long before {@code maxDuration})
 * until none is left or {@code maxDuration} is over. No iteration starts after {@code maxDuration}; running ones get
 * {@code gracefulStop} to finish and are then interrupted. Iterations never started count as dropped, as k6 reports
 * them when {@code Run} ends.
 */
final class SharedIterations implements ScenarioExecutor {

    private final String scenario;
    private final SharedIterationsConfig config;

    SharedIterations(String scenario, SharedIterationsConfig config) {
        this.scenario = scenario;
        this.config = config;
    }

    @Override
    public IterationCounts run(Runnable iteration, LongConsumer dropped) throws InterruptedException {
        long start = System.nanoTime();
        long regularEnd = start + config.maxDuration().toNanos();
        long gracefulEnd = regularEnd + config.gracefulStop().toNanos();
        AtomicLong attempted = new AtomicLong();
        ThreadFactory vuThreads = Iterations.vuThreads(scenario);
        List<Thread> vus = new ArrayList<>();
        for (long vu = 0; vu < config.vus(); vu++) {
            Thread thread = vuThreads.newThread(() -> {
                // k6's handleVU loop: stop once the regular duration is over, else take the next iteration number
                while (System.nanoTime() - regularEnd < 0 && !Thread.currentThread().isInterrupted()
                        && attempted.incrementAndGet() <= config.iterations()) {
                    Iterations.runSafely(scenario, iteration);
                }
            });
            thread.start();
            vus.add(thread);
        }
        try {
            for (Thread vu : vus) {
                long left = gracefulEnd - System.nanoTime();
                if (left > 0) {
                    TimeUnit.NANOSECONDS.timedJoin(vu, left);
                }
            }
        } finally {
            vus.forEach(Thread::interrupt);
            for (Thread vu : vus) {
                vu.join();
            }
        }
        long started = Math.min(attempted.get(), config.iterations());
        long notStarted = config.iterations() - started;
        if (notStarted > 0) {
            dropped.accept(notStarted);
        }
        return new IterationCounts(started, notStarted);
    }
}
