package dev.perfmonitoring.verification.k6;

/**
 * The k6 built-in metrics a k6 run of the Person script emits, with the type and value kind k6 registers them with
 * ({@code RegisterBuiltinMetrics} in k6's {@code metrics/builtin.go}, v2.2.0).
 */
enum K6Metric {
    VUS("vus", Type.GAUGE, Contains.DEFAULT),
    VUS_MAX("vus_max", Type.GAUGE, Contains.DEFAULT),
    ITERATIONS("iterations", Type.COUNTER, Contains.DEFAULT),
    ITERATION_DURATION("iteration_duration", Type.TREND, Contains.TIME),
    DROPPED_ITERATIONS("dropped_iterations", Type.COUNTER, Contains.DEFAULT),
    CHECKS("checks", Type.RATE, Contains.DEFAULT),
    HTTP_REQS("http_reqs", Type.COUNTER, Contains.DEFAULT),
    HTTP_REQ_FAILED("http_req_failed", Type.RATE, Contains.DEFAULT),
    HTTP_REQ_DURATION("http_req_duration", Type.TREND, Contains.TIME),
    HTTP_REQ_BLOCKED("http_req_blocked", Type.TREND, Contains.TIME),
    HTTP_REQ_CONNECTING("http_req_connecting", Type.TREND, Contains.TIME),
    HTTP_REQ_TLS_HANDSHAKING("http_req_tls_handshaking", Type.TREND, Contains.TIME),
    HTTP_REQ_SENDING("http_req_sending", Type.TREND, Contains.TIME),
    HTTP_REQ_WAITING("http_req_waiting", Type.TREND, Contains.TIME),
    HTTP_REQ_RECEIVING("http_req_receiving", Type.TREND, Contains.TIME),
    DATA_SENT("data_sent", Type.COUNTER, Contains.DATA),
    DATA_RECEIVED("data_received", Type.COUNTER, Contains.DATA);

    /** k6's metric types ({@code metrics.MetricType}). */
    enum Type { COUNTER, GAUGE, RATE, TREND }

    /** What the values are ({@code metrics.ValueType}): time trends are in milliseconds, data in bytes. */
    enum Contains { DEFAULT, TIME, DATA }

    private final String k6Name;
    private final Type type;
    private final Contains contains;

    K6Metric(String k6Name, Type type, Contains contains) {
        this.k6Name = k6Name;
        this.type = type;
        this.contains = contains;
    }

    String k6Name() {
        return k6Name;
    }

    Type type() {
        return type;
    }

    Contains contains() {
        return contains;
    }
}
