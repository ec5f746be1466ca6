package dev.perfmonitoring.demoapi.metrics;

import java.util.Set;

/**
 * The bounded label values of the prometric HTTP metrics: each request path becomes its route template, any other path
 * one value ({@value #UNMATCHED}); any method outside HTTP's standard set becomes {@value #OTHER_METHOD}.
 */
public final class RouteTemplates {

    public static final String PERSON = "/person";
    public static final String PERSON_LIST = "/person/list";
    public static final String PERSON_BY_ID = "/person/{id}";
    public static final String PERSONS_BY_ID = "/persons/{id}";
    public static final String UNMATCHED = "UNMATCHED";
    public static final String OTHER_METHOD = "OTHER";

    private static final Set<String> STANDARD_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT");

    private RouteTemplates() {
    }

    /** The route template a request path belongs to; one trailing slash is ignored, as JAX-RS does. */
    public static String of(String requestPath) {
        String path = requestPath.length() > 1 && requestPath.endsWith("/")
                ? requestPath.substring(0, requestPath.length() - 1)
                : requestPath;
        if (PERSON.equals(path)) {
            return PERSON;
        }
        if (PERSON_LIST.equals(path)) {
            return PERSON_LIST;
        }
        if (isOneSegmentBelow(path, "/person/")) {
            return PERSON_BY_ID;
        }
        if (isOneSegmentBelow(path, "/persons/")) {
            return PERSONS_BY_ID;
        }
        return UNMATCHED;
    }

    /**
     * The {@code uri} label of http_server_requests_seconds, by the rule of Quarkus's HTTP server binder: the route
     * template; for a path no route serves, NOT_FOUND for a 404, REDIRECTION for a 3xx, else {@value #UNMATCHED}
     * (where Quarkus would take the raw path, an unbounded label).
     */
    public static String serverUri(String template, int status) {
        if (!UNMATCHED.equals(template)) {
            return template;
        }
        if (status == 404) {
            return "NOT_FOUND";
        }
        return status / 100 == 3 ? "REDIRECTION" : UNMATCHED;
    }

    /** The method label: the standard method names as they are, anything else {@value #OTHER_METHOD}. */
    public static String method(String method) {
        return STANDARD_METHODS.contains(method) ? method : OTHER_METHOD;
    }

    /**
     * Whether a path belongs to the management endpoints (/q/..., and the /metrics and /health aliases), which the
     * prometric HTTP metrics leave out so that scrapes and probes do not count as API traffic.
     */
    public static boolean isManagement(String path) {
        return path.startsWith("/q/") || path.equals("/metrics") || path.equals("/health")
                || path.startsWith("/health/");
    }

    private static boolean isOneSegmentBelow(String path, String prefix) {
        return path.length() > prefix.length() && path.startsWith(prefix) && path.indexOf('/', prefix.length()) < 0;
    }
}
