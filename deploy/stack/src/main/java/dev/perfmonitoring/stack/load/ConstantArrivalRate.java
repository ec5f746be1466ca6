package dev.perfmonitoring.stack.load;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * k6's {@code constant-arrival-rate} executor, after {@code ConstantArrivalRate.Run} in k6's
 * {@code lib/executor/constant_arrival_rate.go}: iteration {@code i} is due at {@code i * timeUnit / rate} from the
 * start, for as long as {@code duration} lasts; at its time it starts on a free VU or, when every VU is busy, is
 * dropped and counted (k6's {@code dropped_iterations}), never queued or made up later. The check for a free VU does
 * not wait, like k6's {@code activeVUPool.TryRunIteration} ({@code lib/executor/ramping_arrival_rate.go}), a
 * non-blocking send to the VUs: here a VU is busy from the start of its iteration to its end, counted by a semaphore
 * of {@code maxVUs} permits. When {@code duration} is over no iteration starts (a scheduler running late stops there
 * too); running ones get {@code gracefulStop} to finish and are then interrupted.
 *
 * <p>One simplification: k6 starts {@code preAllocatedVUs} and, each time an iteration finds them all busy, drops
 * that iteration and starts one more VU in the background, up to {@code maxVUs}. The runner has {@code maxVUs} from
 * the start, so it drops only when {@code maxVUs} are busy. With {@code preAllocatedVUs == maxVUs}, as in the Person
 * scenario file, the two agree.
 */
final class ConstantArrivalRate implements ScenarioExecutor {

    private final String scenario;
    private final ConstantArrivalRateConfig config;

    ConstantArrivalRate(String scenario, ConstantArrivalRateConfig config) {
        this.scenario = scenario;
        this.config = config;
    }

    @Override
    public IterationCounts run(Runnable iteration, LongConsumer dropped) throws InterruptedException {
        int maxVUs = Math.toIntExact(config.maxVUs());
        Semaphore freeVus = new Semaphore(maxVUs);
        ExecutorService vus = Executors.newFixedThreadPool(maxVUs, Iterations.vuThreads(scenario));
        long start = System.nanoTime();
        long regularEnd = start + config.duration().toNanos();
        long gracefulEnd = regularEnd + config.gracefulStop().toNanos();
        long period = config.period().toNanos();
        long started = 0;
        long droppedCount = 0;
        try {
            for (long i = 0; start + i * period - regularEnd < 0; i++) {
                sleepUntil(start + i * period);
                if (System.nanoTime() - regularEnd >= 0) {
                    break;
                }
                if (freeVus.tryAcquire()) {
                    vus.execute(() -> {
                        try {
                            Iterations.runSafely(scenario, iteration);
                        } finally {
                            freeVus.release();
                        }
                    });
                    started++;
                } else {
                    droppedCount++;
                    dropped.accept(1);
                }
            }
            vus.shutdown();
            long left = gracefulEnd - System.nanoTime();
            if (left > 0) {
                vus.awaitTermination(left, TimeUnit.NANOSECONDS);
            }
        } finally {
            vus.shutdownNow();
            vus.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        }
        return new IterationCounts(started, droppedCount);
    }

    private static void sleepUntil(long due) throws InterruptedException {
        long wait = due - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
