package dev.perfmonitoring.stack.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a plan's scenarios side by side, each with its k6 executor's semantics, all starting together as k6 starts
 * scenarios without a {@code startTime}; returns when the last one is done. One iteration sends its scenario's
 * request and records the outcome under the request's name in the run's statistics and its client-side metrics,
 * unless the graceful stop interrupted it (k6 emits no metrics for an interrupted iteration).
 */
final class ScenarioRunner {

    private final PersonApiClient client;
    private final RunStatistics statistics;
    private final ClientMetrics metrics;

    ScenarioRunner(PersonApiClient client, RunStatistics statistics, ClientMetrics metrics) {
        this.client = client;
        this.statistics = statistics;
        this.metrics = metrics;
    }

    void runAll(ScenarioPlan plan) throws InterruptedException {
        AtomicReference<InterruptedException> interrupted = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (Scenario scenario : plan.scenarios()) {
            String request = scenario.request().requestName();
            ScenarioExecutor executor = ScenarioExecutor.of(scenario.name(), scenario.executor());
            Runnable iteration = () -> {
                Outcome outcome = scenario.request().send(client, plan);
                if (!Thread.currentThread().isInterrupted()) {
                    statistics.record(request, outcome);
                    metrics.request(scenario.name(), request, outcome);
                    metrics.iteration(scenario.name());
                }
            };
            Thread thread = new Thread(() -> {
                metrics.vusStarted(scenario.executor().maxVus());
                try {
                    executor.run(iteration, dropped -> {
                        statistics.recordDropped(request, dropped);
                        metrics.dropped(scenario.name(), dropped);
                    });
                } catch (InterruptedException e) {
                    interrupted.set(e);
                } finally {
                    metrics.vusStopped(scenario.executor().maxVus());
                }
            }, "scenario-" + scenario.name());
            thread.start();
            threads.add(thread);
        }
        try {
            for (Thread thread : threads) {
                thread.join();
            }
        } catch (InterruptedException e) {
            threads.forEach(Thread::interrupt);
            throw e;
        }
        if (interrupted.get() != null) {
            throw interrupted.get();
        }
    }
}
