package dev.perfmonitoring.stack.load;

import java.time.Duration;
import java.util.List;

/**
 * Seed 001's k6 script (prometric) as {@link Scenario}s, the same five as {@code deploy/k6/person-api.js}:
 * create 50 000 persons on 50 VUs; get a random person 20/s; list 10/s; update 5/s; delete 500 persons on 2 VUs,
 * over 10 minutes. A shorter {@code duration} scales the iteration counts down in proportion, and {@code rate}
 * multiplies rates and counts. Update runs for the whole duration (the seed's text says 5 minutes and its numbers
 * 2), so every endpoint has traffic, and a verdict, until the end of the run.
 */
final class PersonScenarios {

    static final Duration SEED_DURATION = Duration.ofMinutes(10);

    private PersonScenarios() {
    }

    static List<Scenario> scaled(Duration duration, double rate) {
        double share = (double) duration.toMillis() / SEED_DURATION.toMillis() * rate;
        return List.of(
                new Scenario("create", new Scenario.SharedIterations(50, atLeastOne(50_000 * share), duration),
                        PersonApiClient::create),
                new Scenario("get-by-id", new Scenario.ConstantArrivalRate(20 * rate, duration, 10),
                        PersonApiClient::getRandom),
                new Scenario("list", new Scenario.ConstantArrivalRate(10 * rate, duration, 5),
                        PersonApiClient::list),
                new Scenario("update", new Scenario.ConstantArrivalRate(5 * rate, duration, 5),
                        PersonApiClient::updateRandom),
                new Scenario("delete", new Scenario.SharedIterations(2, atLeastOne(500 * share), duration),
                        PersonApiClient::deleteRandom));
    }

    private static int atLeastOne(double iterations) {
        return (int) Math.max(1, Math.round(iterations));
    }
}
