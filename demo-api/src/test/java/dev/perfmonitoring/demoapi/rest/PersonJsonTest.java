package dev.perfmonitoring.demoapi.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.perfmonitoring.demoapi.service.Person;
import dev.perfmonitoring.demoapi.service.PersonPage;
import dev.perfmonitoring.demoapi.service.Timestamp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link PersonJson} writes exactly what Jackson's reflective bean serializer writes for a person, configured as the
 * application configures it (quarkus.jackson.property-naming-strategy=SNAKE_CASE): same fields, order and text.
 */
class PersonJsonTest {

    private final ObjectMapper reflective = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private final ObjectMapper fieldByField = customized();

    private static final List<Person> PERSONS = List.of(
            person(1, "Ada", "Lovelace", "ada@example.org", "12 St James's Square", "2026-12-03T13:13:47.540850589Z",
                    "2026-12-03T13:13:47.540850589Z"),
            person(Long.MAX_VALUE, "Zoë \"Z\" Ünal", "O'Brien\\\n\t\u0001", null, null, "1970-01-01T00:00:00Z",
                    "2000-02-29T23:59:59.100Z"),
            person(-1, "", " ", "a@b.c", "日本語 \uD83D\uDE00 </script>", "2026-01-01T00:00:00.000001Z",
                    "2026-01-01T00:00:00.123456Z"));

    @Test
    void aPersonIsWrittenAsTheReflectiveSerializerWritesIt() throws Exception {
        for (Person person : PERSONS) {
            assertThat(fieldByField.writeValueAsString(person)).isEqualTo(reflective.writeValueAsString(person))
                    .startsWith("{\"id\":" + person.id() + ",\"first_name\":");
        }
    }

    @Test
    void aPageOfPersonsIsWrittenAsTheReflectiveSerializerWritesIt() throws Exception {
        PersonPage page = new PersonPage(3, 0, 20, PERSONS);

        assertThat(fieldByField.writeValueAsString(page)).isEqualTo(reflective.writeValueAsString(page));
        assertThat(fieldByField.writeValueAsBytes(page)).isEqualTo(reflective.writeValueAsBytes(page));
    }

    @Test
    void timestampsAreTheInstantsIsoText() throws Exception {
        Person person = PERSONS.get(1);

        assertThat(fieldByField.readTree(fieldByField.writeValueAsString(person)).get("updated_at").asText())
                .isEqualTo(Instant.parse("2000-02-29T23:59:59.100Z").toString()).isEqualTo("2000-02-29T23:59:59.100Z");
    }

    private ObjectMapper customized() {
        ObjectMapper mapper = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        new PersonJson().customize(mapper);
        return mapper;
    }

    private static Person person(long id, String first, String last, String email, String address, String created,
            String updated) {
        return new Person(id, first, last, email, address, Timestamp.of(Instant.parse(created)),
                Timestamp.of(Instant.parse(updated)));
    }
}
