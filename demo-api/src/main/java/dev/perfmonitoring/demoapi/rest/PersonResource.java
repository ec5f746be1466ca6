package dev.perfmonitoring.demoapi.rest;

import dev.perfmonitoring.demoapi.service.Person;
import dev.perfmonitoring.demoapi.service.PersonDetails;
import dev.perfmonitoring.demoapi.service.PersonPage;
import dev.perfmonitoring.demoapi.service.PersonService;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Person CRUD over HTTP with prometric's paths (seed 001). The id is handed on as sent: an id that is not a number is
 * a person that does not exist, answered and counted like an unknown numeric id. Methods run on the event loop: the
 * simulated latency waits on a timer, not on a thread.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class PersonResource {

    private static final String BODY_REQUIRED = "a JSON object body is required";

    private final PersonService persons;

    public PersonResource(PersonService persons) {
        this.persons = persons;
    }

    @POST
    @Path("person")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Person>> create(@NotNull(message = BODY_REQUIRED) @Valid PersonDetails details) {
        return persons.create(details).map(person -> RestResponse.ResponseBuilder
                .<Person>created(URI.create("/person/" + person.id())).entity(person).build());
    }

    @GET
    @Path("person/{id}")
    public Uni<Person> get(@PathParam("id") String id) {
        return persons.get(id);
    }

    /** prometric's spelling of the same read. */
    @GET
    @Path("persons/{id}")
    public Uni<Person> getByPluralPath(@PathParam("id") String id) {
        return persons.get(id);
    }

    @PUT
    @Path("person/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Person> update(@PathParam("id") String id, @NotNull(message = BODY_REQUIRED) @Valid PersonDetails details) {
        return persons.update(id, details);
    }

    @DELETE
    @Path("person/{id}")
    public Uni<Void> delete(@PathParam("id") String id) {
        return persons.delete(id);
    }

    /** Persons in id order: {@code start} persons skipped, at most {@code limit} returned. */
    @GET
    @Path("person/list")
    public Uni<PersonPage> list(
            @QueryParam("start") @DefaultValue("0")
            @Pattern(regexp = "0|[1-9][0-9]{0,8}", message = "start must be an integer from 0 to 999999999") String start,
            @QueryParam("limit") @DefaultValue("20")
            @Pattern(regexp = "[1-9][0-9]?|100", message = "limit must be an integer from 1 to 100") String limit) {
        return persons.list(Integer.parseInt(start), Integer.parseInt(limit));
    }
}
