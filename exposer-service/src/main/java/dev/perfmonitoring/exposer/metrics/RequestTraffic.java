package dev.perfmonitoring.exposer.metrics;

import dev.perfmonitoring.exposer.config.ExposerConfig;
import java.util.random.RandomGenerator;

/** Requests arriving per endpoint; the latency histogram and the response-size summary observe the same requests. */
public final class RequestTraffic {

    private final int endpoints;
    private final double ratePerSecond;
    private final RandomGenerator random;

    public RequestTraffic(ExposerConfig config, RandomGenerator random) {
        this.endpoints = config.cardinality().labelValues();
        this.ratePerSecond = config.latency().ratePerSecond();
        this.random = random;
    }

    /** How many requests each endpoint receives in {@code seconds} of simulated time (Poisson arrivals). */
    public long[] arrivals(double seconds) {
        long[] requests = new long[endpoints];
        for (int endpoint = 0; endpoint < endpoints; endpoint++) {
            requests[endpoint] = Distributions.poisson(random, ratePerSecond * seconds);
        }
        return requests;
    }
}
