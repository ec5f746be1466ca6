package dev.perfmonitoring.demoapi.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the demo API; every key also reads from its environment variable (DEMO_API_...). */
@ConfigMapping(prefix = "demo-api")
public interface DemoApiConfig {

    /** The in-memory person store. */
    Store store();

    /** The prometric metrics this application registers itself. */
    Metrics metrics();

    /** Simulated latency, so that latency histograms are worth looking at. */
    Latency latency();

    /** The self-exercise before readiness turns UP. */
    WarmUp warmUp();

    interface WarmUp {

        /**
         * Exercises every endpoint over loopback before readiness turns UP, so the first requests of a load test meet
         * compiled code (DEMO_API_WARM_UP_ENABLED).
         */
        @WithDefault("true")
        boolean enabled();

        /** The fewest rounds of one request of each kind, per client (DEMO_API_WARM_UP_ROUNDS). */
        @WithDefault("50")
        int rounds();

        /**
         * After those rounds, goes on until the JIT compilers have gone quiet (spent under 5 % of a second compiling),
         * so the first seconds under load run compiled code; ignored where nothing is compiled at run time (a native
         * executable) (DEMO_API_WARM_UP_UNTIL_COMPILED).
         */
        @WithDefault("true")
        boolean untilCompiled();

        /**
         * The longest warm-up: readiness turns UP then, compiled or not (its fewest rounds always run)
         * (DEMO_API_WARM_UP_MAX_DURATION).
         */
        @WithDefault("30s")
        Duration maxDuration();

        /** Concurrent warm-up clients, each on its own connection (DEMO_API_WARM_UP_CLIENTS). */
        @WithDefault("4")
        int clients();

        /**
         * Stops the application once the warm-up is over, with exit code 0 (1 when it stopped early): the training run
         * that JVM images record an AOT cache from, see Dockerfile.jvm (DEMO_API_WARM_UP_THEN_EXIT).
         */
        @WithDefault("false")
        boolean thenExit();
    }

    interface Store {

        /** Most persons held at once; a create beyond it answers 507 (DEMO_API_STORE_CAPACITY). */
        @WithDefault("100000")
        int capacity();
    }

    interface Metrics {

        /**
         * Registers the prometric metrics (http_requests_total, person_*, app_*); false leaves only Quarkus's own
         * metrics, for measuring what the instrumentation costs (DEMO_API_METRICS_ENABLED).
         */
        @WithDefault("true")
        boolean enabled();
    }

    interface Latency {

        /** long-tail, uniform (prometric: 0 to max) or off (DEMO_API_LATENCY_MODE). */
        @WithDefault("long-tail")
        LatencyMode mode();

        /** Sigma of the long-tail (log-normal) delays; 0 makes every delay equal its median (DEMO_API_LATENCY_SPREAD). */
        @WithDefault("0.8")
        double spread();

        /** Median delay of GET /person/{id} and GET /persons/{id} in long-tail mode (DEMO_API_LATENCY_GET_MEDIAN). */
        @WithDefault("25ms")
        Duration getMedian();

        /** Longest delay of GET /person/{id} and GET /persons/{id} (DEMO_API_LATENCY_GET_MAX). */
        @WithDefault("1s")
        Duration getMax();

        /** Median delay of GET /person/list in long-tail mode (DEMO_API_LATENCY_LIST_MEDIAN). */
        @WithDefault("50ms")
        Duration listMedian();

        /** Longest delay of GET /person/list (DEMO_API_LATENCY_LIST_MAX). */
        @WithDefault("1s")
        Duration listMax();

        /** Median delay of POST /person in long-tail mode (DEMO_API_LATENCY_CREATE_MEDIAN). */
        @WithDefault("35ms")
        Duration createMedian();

        /** Longest delay of POST /person (DEMO_API_LATENCY_CREATE_MAX). */
        @WithDefault("2s")
        Duration createMax();

        /** Median delay of PUT /person/{id} in long-tail mode (DEMO_API_LATENCY_UPDATE_MEDIAN). */
        @WithDefault("35ms")
        Duration updateMedian();

        /** Longest delay of PUT /person/{id} (DEMO_API_LATENCY_UPDATE_MAX). */
        @WithDefault("2s")
        Duration updateMax();

        /** Median delay of DELETE /person/{id} in long-tail mode (DEMO_API_LATENCY_DELETE_MEDIAN). */
        @WithDefault("30ms")
        Duration deleteMedian();

        /** Longest delay of DELETE /person/{id} (DEMO_API_LATENCY_DELETE_MAX). */
        @WithDefault("2s")
        Duration deleteMax();
    }

    /** How simulated delays are drawn. */
    enum LatencyMode {
        /** Log-normal around each operation's median, capped at its maximum: most requests fast, a few slow. */
        LONG_TAIL,
        /** Uniform between zero and each operation's maximum: prometric's behaviour. */
        UNIFORM,
        /** No simulated delay. */
        OFF
    }
}
