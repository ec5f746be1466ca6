package dev.perfmonitoring.demoapi.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.perfmonitoring.demoapi.MetricsScrape;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Person API's answers, happy paths and validation (error answers of the HTTP layer: HttpErrorsTest). */
@QuarkusTest
class PersonResourceTest {

    @Test
    void createsPersonWith201LocationAndServerAssignedFields() {
        ExtractableResponse<Response> response = given().contentType(ContentType.JSON)
                .body("""
                        {"first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.org",
                         "address": "12 St James's Square, London"}""")
                .post("/person")
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .extract();
        JsonPath person = response.jsonPath();

        assertThat(person.getLong("id")).isPositive();
        assertThat(response.header("Location")).isEqualTo("/person/" + person.getLong("id"));
        assertThat(person.getString("first_name")).isEqualTo("Ada");
        assertThat(person.getString("last_name")).isEqualTo("Lovelace");
        assertThat(person.getString("email")).isEqualTo("ada@example.org");
        assertThat(person.getString("address")).isEqualTo("12 St James's Square, London");
        assertThat(Instant.parse(person.getString("created_at"))).isBeforeOrEqualTo(Instant.now());
        assertThat(person.getString("updated_at")).isEqualTo(person.getString("created_at"));
    }

    @Test
    void acceptsPersonWithoutEmailOrAddress() {
        given().contentType(ContentType.JSON).body("{\"first_name\": \"Grace\", \"last_name\": \"Hopper\"}")
                .post("/person")
                .then().statusCode(201)
                .body("email", nullValue())
                .body("address", nullValue());
    }

    @Test
    void ignoresClientSuppliedIdAndTimestamps() {
        JsonPath person = given().contentType(ContentType.JSON)
                .body("""
                        {"id": 999999, "first_name": "Alan", "last_name": "Turing",
                         "created_at": "2000-01-01T00:00:00Z", "updated_at": "2000-01-01T00:00:00Z"}""")
                .post("/person")
                .then().statusCode(201)
                .extract().jsonPath();

        assertThat(person.getLong("id")).isNotEqualTo(999_999);
        assertThat(Instant.parse(person.getString("created_at"))).isAfter(Instant.parse("2020-01-01T00:00:00Z"));
    }

    @Test
    void readsPersonBackOnBothPathSpellings() {
        long id = create("Edsger", "Dijkstra");

        for (String path : List.of("/person/", "/persons/")) {
            given().get(path + id)
                    .then().statusCode(200)
                    .contentType(ContentType.JSON)
                    .body("id", equalTo((int) id))
                    .body("first_name", equalTo("Edsger"))
                    .body("last_name", equalTo("Dijkstra"));
        }
    }

    @Test
    void replacesPersonKeepingIdAndCreationTime() {
        JsonPath created = given().contentType(ContentType.JSON)
                .body("{\"first_name\": \"Barbara\", \"last_name\": \"Liskov\"}")
                .post("/person").then().statusCode(201).extract().jsonPath();
        long id = created.getLong("id");

        JsonPath updated = given().contentType(ContentType.JSON)
                .body("{\"first_name\": \"Barbara\", \"last_name\": \"Liskov\", \"email\": \"liskov@example.org\"}")
                .put("/person/" + id)
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .extract().jsonPath();

        assertThat(updated.getLong("id")).isEqualTo(id);
        assertThat(updated.getString("email")).isEqualTo("liskov@example.org");
        assertThat(updated.getString("created_at")).isEqualTo(created.getString("created_at"));
        assertThat(Instant.parse(updated.getString("updated_at")))
                .isAfterOrEqualTo(Instant.parse(created.getString("created_at")));
        given().get("/person/" + id).then().statusCode(200).body("email", equalTo("liskov@example.org"));
    }

    @Test
    void deletesPersonWith204AndForgetsIt() {
        long id = create("Niklaus", "Wirth");

        given().delete("/person/" + id).then().statusCode(204);

        given().get("/person/" + id).then().statusCode(404);
        given().delete("/person/" + id).then().statusCode(404);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({ "GET, /person/", "GET, /persons/", "PUT, /person/", "DELETE, /person/" })
    void answersUnknownIdWith404JsonError(String method, String path) {
        given().contentType(ContentType.JSON).body("{\"first_name\": \"A\", \"last_name\": \"B\"}")
                .request(method, path + "987654321")
                .then().statusCode(404)
                .contentType(ContentType.JSON)
                .body("error", equalTo("person 987654321 not found"))
                .body("status", equalTo(404));
    }

    @Test
    void answersNonNumericIdWith404JsonError() {
        given().get("/person/not-a-number")
                .then().statusCode(404)
                .contentType(ContentType.JSON)
                .body("error", equalTo("person not-a-number not found"))
                .body("status", equalTo(404));
    }

    /** Ids no person has, in every form a client may send; each is sent raw (percent-encoded as shown). */
    private static final List<String> UNKNOWN_IDS = List.of("987654321", "0", "-1", "+0", "007007007",
            "99999999999999999999", "abc", "ABC", "1.5", "1e3", "0x10", "NaN", "null", "%20", "%E2%82%AC", "1%2C2", "%00",
            "-", "+", "x".repeat(200));

    @Test
    void countsAnOperationOnAnUnknownIdOfEveryFormAsPersonNotFound() {
        double before = MetricsScrape.count(MetricsScrape.exposition(), "person_not_found_total");

        for (String id : UNKNOWN_IDS) {
            for (String method : List.of("GET", "PUT", "DELETE")) {
                for (String path : method.equals("GET") ? List.of("/person/", "/persons/") : List.of("/person/")) {
                    given().urlEncodingEnabled(false).contentType(ContentType.JSON)
                            .body("{\"first_name\": \"A\", \"last_name\": \"B\"}")
                            .request(method, path + id)
                            .then().statusCode(404)
                            .contentType(ContentType.JSON)
                            .body("error", startsWith("person "))
                            .body("status", equalTo(404));
                }
            }
        }

        double after = MetricsScrape.count(MetricsScrape.exposition(), "person_not_found_total");
        assertThat(after - before).isEqualTo(4 * UNKNOWN_IDS.size());
    }

    @Test
    void listsNewestPersonsAtTheEndInIdOrder() {
        long first = create("List", "One");
        long second = create("List", "Two");
        long third = create("List", "Three");
        int total = given().get("/person/list?limit=1").then().statusCode(200).extract().path("total");

        given().get("/person/list?start=" + (total - 3) + "&limit=3")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("total", equalTo(total))
                .body("start", equalTo(total - 3))
                .body("limit", equalTo(3))
                .body("persons.id", equalTo(List.of((int) first, (int) second, (int) third)))
                .body("persons.last_name", equalTo(List.of("One", "Two", "Three")));
    }

    @Test
    void pagesPartitionTheListWithoutGapsOrOverlaps() {
        for (int i = 0; i < 5; i++) {
            create("Page", "Person" + i);
        }
        List<Integer> firstFive = given().get("/person/list?limit=5").then().extract().path("persons.id");

        List<Integer> firstTwo = given().get("/person/list?start=0&limit=2").then().extract().path("persons.id");
        List<Integer> nextThree = given().get("/person/list?start=2&limit=3").then().extract().path("persons.id");

        assertThat(firstFive).isSorted().doesNotHaveDuplicates().hasSize(5);
        assertThat(firstTwo).containsExactlyElementsOf(firstFive.subList(0, 2));
        assertThat(nextThree).containsExactlyElementsOf(firstFive.subList(2, 5));
    }

    @Test
    void listDefaultsToStartZeroAndLimitTwenty() {
        create("Default", "Paging");

        given().get("/person/list")
                .then().statusCode(200)
                .body("start", equalTo(0))
                .body("limit", equalTo(20))
                .body("persons.size()", lessThanOrEqualTo(20))
                .body("persons[0].id", notNullValue());
    }

    @Test
    void listBeyondTheEndIsEmpty() {
        given().get("/person/list?start=999999999&limit=100")
                .then().statusCode(200)
                .body("persons", hasSize(0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "limit=0      | limit must be an integer from 1 to 100",
            "limit=101    | limit must be an integer from 1 to 100",
            "limit=abc    | limit must be an integer from 1 to 100",
            "limit=1.5    | limit must be an integer from 1 to 100",
            "start=-1     | start must be an integer from 0 to 999999999",
            "start=x      | start must be an integer from 0 to 999999999",
            "start=1e3    | start must be an integer from 0 to 999999999",
            "start=9999999999 | start must be an integer from 0 to 999999999",
    })
    void rejectsInvalidPagingWith400JsonError(String query, String error) {
        given().get("/person/list?" + query)
                .then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", equalTo(error))
                .body("status", equalTo(400));
    }

    @Test
    void acceptsTheLimitBoundaries() {
        given().get("/person/list?limit=1").then().statusCode(200).body("limit", equalTo(1));
        given().get("/person/list?limit=100").then().statusCode(200).body("limit", equalTo(100));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"last_name\": \"B\"}                                   | first_name is required",
            "{\"first_name\": \"  \", \"last_name\": \"B\"}           | first_name is required",
            "{\"first_name\": \"A\"}                                  | last_name is required",
            "{\"first_name\": \"A\", \"last_name\": \"\"}             | last_name is required",
            "{\"first_name\": \"A\", \"last_name\": \"B\", \"email\": \"not-an-email\"} | email must look like name@example.org",
            "{\"first_name\": \"A\", \"last_name\": \"B\", \"email\": \"\"}           | email must look like name@example.org",
            "{\"first_name\": \"A\", \"last_name\": \"B\", \"email\": \"a@b\"}        | email must look like name@example.org",
            "{}                                                       | first_name is required; last_name is required",
    })
    void rejectsInvalidPersonWith400NamingEveryBrokenRule(String body, String error) {
        for (String target : List.of("POST /person", "PUT /person/" + create("Valid", "Person"))) {
            String[] methodAndPath = target.split(" ");
            given().contentType(ContentType.JSON).body(body)
                    .request(methodAndPath[0], methodAndPath[1])
                    .then().statusCode(400)
                    .contentType(ContentType.JSON)
                    .body("error", equalTo(error))
                    .body("status", equalTo(400));
        }
    }

    static long create(String firstName, String lastName) {
        return given().contentType(ContentType.JSON)
                .body("{\"first_name\": \"" + firstName + "\", \"last_name\": \"" + lastName + "\"}")
                .post("/person")
                .then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }
}
