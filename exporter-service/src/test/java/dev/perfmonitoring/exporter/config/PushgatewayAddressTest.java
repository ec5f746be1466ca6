package dev.perfmonitoring.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PushgatewayAddressTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "http://pushgateway:9091, http, pushgateway:9091",
            "http://pushgateway:9091/, http, pushgateway:9091",
            "http://pushgateway:9091//, http, pushgateway:9091",
            "pushgateway:9091, http, pushgateway:9091",
            "https://metrics.example/pushgateway/, https, metrics.example/pushgateway",
            "HTTP://127.0.0.1:9091, http, 127.0.0.1:9091"})
    void acceptsTheUrlWithOrWithoutTrailingSlash(String url, String scheme, String address) {
        assertThat(PushgatewayAddress.parse(url)).isEqualTo(new PushgatewayAddress(scheme, address));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ftp://pushgateway:9091", "http://", "http://pushgateway:9091/?job=x", "http://user@pushgateway:9091",
            "http://push gateway:9091"})
    void rejectsWhatIsNotAPushgatewayBaseUrl(String url) {
        assertThatThrownBy(() -> PushgatewayAddress.parse(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PUSH_GATEWAY_URL");
    }
}
