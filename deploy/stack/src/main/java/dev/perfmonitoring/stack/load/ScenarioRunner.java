package dev.perfmonitoring.stack.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs scenarios side by side with k6's executor semantics until each one is done or its time is up. */
final class ScenarioRunner {

    private final PersonApiClient client;
    private final KnownPersons persons;
    private final RunStatistics statistics;

    ScenarioRunner(PersonApiClient client, KnownPersons persons, RunStatistics statistics) {
        this.client = client;
        this.persons = persons;
        this.statistics = statistics;
    }

    /** Runs every scenario and returns when all have finished. */
    void runAll(List<Scenario> scenarios) throws InterruptedException {
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            Thread thread = new Thread(() -> run(scenario, start), "scenario-" + scenario.name());
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private void run(Scenario scenario, long start) {
        if (scenario.executor() instanceof Scenario.SharedIterations shared) {
            runShared(scenario, shared, start);
        } else if (scenario.executor() instanceof Scenario.ConstantArrivalRate arrival) {
            runArrivals(scenario, arrival, start);
        }
    }

    private void runShared(Scenario scenario, Scenario.SharedIterations shared, long start) {
        long deadline = start + shared.maxDuration().toNanos();
        long spacing = shared.maxDuration().toNanos() / shared.iterations();
        AtomicInteger next = new AtomicInteger();
        List<Thread> vus = new ArrayList<>();
        for (int vu = 0; vu < shared.vus(); vu++) {
            Thread thread = new Thread(() -> {
                for (int k = next.getAndIncrement(); k < shared.iterations(); k = next.getAndIncrement()) {
                    long due = start + k * spacing;
                    if (due >= deadline || !sleepUntil(due)) {
                        return;
                    }
                    statistics.record(scenario.operation().run(client, persons));
                }
            }, "vu-" + scenario.name() + "-" + vu);
            thread.start();
            vus.add(thread);
        }
        vus.forEach(ScenarioRunner::joinQuietly);
    }

    private void runArrivals(Scenario scenario, Scenario.ConstantArrivalRate arrival, long start) {
        ThreadPoolExecutor vus = new ThreadPoolExecutor(arrival.vus(), arrival.vus(), 1, TimeUnit.MINUTES,
                new SynchronousQueue<>(), runnable -> new Thread(runnable, "vu-" + scenario.name()));
        long deadline = start + arrival.duration().toNanos();
        double spacing = 1e9 / arrival.perSecond();
        for (long k = 0; ; k++) {
            long due = start + Math.round(k * spacing);
            if (due >= deadline || !sleepUntil(due)) {
                break;
            }
            try {
                vus.execute(() -> statistics.record(scenario.operation().run(client, persons)));
            } catch (RejectedExecutionException allBusy) {
                statistics.recordDropped();
            }
        }
        vus.shutdown();
        try {
            vus.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sleeps until {@code nanoTime} reaches {@code due}; false when interrupted. */
    private static boolean sleepUntil(long due) {
        long wait = due - System.nanoTime();
        if (wait <= 0) {
            return true;
        }
        try {
            Thread.sleep(Duration.ofNanos(wait).toMillis(), (int) (wait % 1_000_000));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
