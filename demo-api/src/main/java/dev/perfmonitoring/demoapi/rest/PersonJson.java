package dev.perfmonitoring.demoapi.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.perfmonitoring.demoapi.service.Person;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * A {@link Person} as JSON, written field by field: the same text as Jackson's bean serializer writes for the record
 * (its components in order, snake_case names; {@code PersonJsonTest} compares the two), without the reflective accessor
 * call per field that serializer makes, a tenth of a read's CPU time with the timestamps' formatting.
 */
@Singleton
public class PersonJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("person-json").addSerializer(Person.class, new Writer()));
    }

    /** Writes one person. */
    static final class Writer extends StdSerializer<Person> {

        private static final SerializedString ID = new SerializedString("id");
        private static final SerializedString FIRST_NAME = new SerializedString("first_name");
        private static final SerializedString LAST_NAME = new SerializedString("last_name");
        private static final SerializedString EMAIL = new SerializedString("email");
        private static final SerializedString ADDRESS = new SerializedString("address");
        private static final SerializedString CREATED_AT = new SerializedString("created_at");
        private static final SerializedString UPDATED_AT = new SerializedString("updated_at");

        Writer() {
            super(Person.class);
        }

        @Override
        public void serialize(Person person, JsonGenerator json, SerializerProvider provider) throws IOException {
            json.writeStartObject(person);
            json.writeFieldName(ID);
            json.writeNumber(person.id());
            json.writeFieldName(FIRST_NAME);
            json.writeString(person.firstName());
            json.writeFieldName(LAST_NAME);
            json.writeString(person.lastName());
            json.writeFieldName(EMAIL);
            json.writeString(person.email());
            json.writeFieldName(ADDRESS);
            json.writeString(person.address());
            json.writeFieldName(CREATED_AT);
            json.writeString(person.createdAt().text());
            json.writeFieldName(UPDATED_AT);
            json.writeString(person.updatedAt().text());
            json.writeEndObject();
        }
    }
}
