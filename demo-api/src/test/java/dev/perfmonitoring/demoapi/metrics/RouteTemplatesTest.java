package dev.perfmonitoring.demoapi.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteTemplatesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/person, /person",
            "/person/, /person",
            "/person/list, /person/list",
            "/person/list/, /person/list",
            "/person/42, /person/{id}",
            "/person/42/, /person/{id}",
            "/person/not-a-number, /person/{id}",
            "/persons/42, /persons/{id}",
            "/person/42/friends, UNMATCHED",
            "/persons, UNMATCHED",
            "/personnel, UNMATCHED",
            "/, UNMATCHED",
            "/wp-admin/login.php, UNMATCHED",
    })
    void mapsEveryPathToItsRouteTemplateOrUnmatched(String path, String template) {
        assertThat(RouteTemplates.of(path)).isEqualTo(template);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "/person/{id}, 200, /person/{id}",
            "/person/{id}, 404, /person/{id}",
            "/person, 413, /person",
            "UNMATCHED, 404, NOT_FOUND",
            "UNMATCHED, 301, REDIRECTION",
            "UNMATCHED, 413, UNMATCHED",
            "UNMATCHED, 405, UNMATCHED",
    })
    void labelsUrisAsQuarkussBinderDidWithinTheRouteTemplates(String template, int status, String uri) {
        assertThat(RouteTemplates.serverUri(template, status)).isEqualTo(uri);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({ "GET, GET", "DELETE, DELETE", "PATCH, PATCH", "get, OTHER", "PROPFIND, OTHER", "M1, OTHER" })
    void keepsStandardMethodsAndFoldsAnyOtherIntoOther(String method, String label) {
        assertThat(RouteTemplates.method(method)).isEqualTo(label);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/q/metrics, true",
            "/q/health/ready, true",
            "/metrics, true",
            "/health, true",
            "/health/live, true",
            "/healthz, false",
            "/person, false",
            "/metrics/x, false",
    })
    void recognisesManagementPaths(String path, boolean management) {
        assertThat(RouteTemplates.isManagement(path)).isEqualTo(management);
    }
}
