package dev.perfmonitoring.stack.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each request of the file sends what its name says, with ids and pages as the k6 script picks them. */
class PersonRequestTest {

    private static final ScenarioPlan PLAN = new ScenarioPlan(List.of(), new IdRange(5), 7);

    private PersonApiStub demoApi;
    private PersonApiClient client;

    @BeforeEach
    void startDemoApi() throws Exception {
        demoApi = PersonApiStub.start();
        client = new PersonApiClient(HttpClient.newHttpClient(), demoApi.url());
    }

    @AfterEach
    void stopDemoApi() {
        demoApi.close();
    }

    @ParameterizedTest
    @EnumSource(PersonRequest.class)
    void sendsTheMethodAndRouteItsNameSays(PersonRequest request) {
        request.send(client, PLAN);

        String name = request.requestName();
        String method = name.substring(0, name.indexOf(' '));
        String route = name.substring(name.indexOf(' ') + 1).replace("{id}", "[1-5]");
        assertThat(demoApi.requests()).hasSize(1);
        assertThat(demoApi.requests().get(0)).matches(method + " " + route + "(\\?.*)?");
        assertThat(PersonRequest.named(name)).isSameAs(request);
    }

    @Test
    void idsAreUniformOverTheRangeAndListPagesHaveTheFilesSize() {
        for (int i = 0; i < 200; i++) {
            PersonRequest.GET.send(client, PLAN);
            PersonRequest.LIST.send(client, PLAN);
        }

        Set<Long> ids = new HashSet<>();
        Set<Long> starts = new HashSet<>();
        Pattern get = Pattern.compile("GET /person/(\\d+)");
        Pattern list = Pattern.compile("GET /person/list\\?start=(\\d+)&limit=7");
        for (String request : demoApi.requests()) {
            Matcher id = get.matcher(request);
            Matcher page = list.matcher(request);
            if (id.matches()) {
                ids.add(Long.parseLong(id.group(1)));
            } else {
                assertThat(page.matches()).as(request).isTrue();
                starts.add(Long.parseLong(page.group(1)));
            }
        }
        assertThat(ids).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
        assertThat(starts).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void aNotFoundIdIsExpectedButAMissingCreateOrListIsAFailure() {
        demoApi.answer("GET /person/{id}", 404, Duration.ZERO)
                .answer("PUT /person/{id}", 404, Duration.ZERO)
                .answer("DELETE /person/{id}", 404, Duration.ZERO)
                .answer("POST /person", 200, Duration.ZERO)
                .answer("GET /person/list", 404, Duration.ZERO);

        assertThat(PersonRequest.GET.send(client, PLAN).failed()).isFalse();
        assertThat(PersonRequest.UPDATE.send(client, PLAN).failed()).isFalse();
        assertThat(PersonRequest.DELETE.send(client, PLAN).failed()).isFalse();
        assertThat(PersonRequest.CREATE.send(client, PLAN)).extracting(Outcome::status, Outcome::failed)
                .containsExactly(200, true);
        assertThat(PersonRequest.LIST.send(client, PLAN).failed()).isTrue();
    }

    @Test
    void noAnswerIsAFailureWithStatusZero() {
        demoApi.close();

        assertThat(PersonRequest.GET.send(client, PLAN)).extracting(Outcome::status, Outcome::failed)
                .containsExactly(0, true);
    }
}
