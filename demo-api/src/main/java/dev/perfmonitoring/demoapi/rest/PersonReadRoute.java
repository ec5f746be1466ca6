package dev.perfmonitoring.demoapi.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfmonitoring.demoapi.service.Person;
import dev.perfmonitoring.demoapi.service.PersonNotFoundException;
import dev.perfmonitoring.demoapi.service.PersonService;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The read a load test sends most, {@code GET /person/{id}} (and {@code /persons/{id}}) with a numeric id, answered on
 * the Vert.x router ahead of JAX-RS: RESTEasy Reactive's request pipeline took about a third of such a read's CPU
 * time. The answer is byte for byte {@link PersonResource}'s, which stays the definition of these paths: any request
 * this route is not certain to answer the same way - an id that is no plain long (percent-encoded, matrix
 * parameters, text), an {@code Accept} header other than none, {@code *}{@code /*} or {@code application/json} - goes
 * on to it.
 */
@ApplicationScoped
public class PersonReadRoute {

    /** JAX-RS's content type for the person (its {@code @Produces} with the charset RESTEasy adds). */
    private static final String PERSON_CONTENT_TYPE = "application/json;charset=UTF-8";

    private static final String[] PREFIXES = { "/person/", "/persons/" };

    private final PersonService persons;
    private final ObjectMapper json;

    public PersonReadRoute(PersonService persons, ObjectMapper json) {
        this.persons = persons;
        this.json = json;
    }

    void serveReadsOf(@Observes Router router) {
        router.get().order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT + 1).handler(this::read);
    }

    private void read(RoutingContext context) {
        String id = numericId(context.request().path());
        if (id == null || !acceptsJson(context.request().getHeader(HttpHeaders.ACCEPT))) {
            context.next();
            return;
        }
        persons.get(id).subscribe().with(person -> answer(context, person), failure -> fail(context, failure));
    }

    /**
     * The id of a person path whose last segment is a number as the store keys persons ({@link
     * PersonService#isLongLiteral}; one trailing slash ignored, as JAX-RS does), or null for any other path.
     */
    static String numericId(String path) {
        for (String prefix : PREFIXES) {
            if (path.startsWith(prefix)) {
                int end = path.endsWith("/") ? path.length() - 1 : path.length();
                String id = end > prefix.length() ? path.substring(prefix.length(), end) : "";
                return PersonService.isLongLiteral(id) ? id : null;
            }
        }
        return null;
    }

    /** Whether JAX-RS would answer JSON for this {@code Accept} header without negotiating. */
    static boolean acceptsJson(String accept) {
        return accept == null || accept.equals("*/*") || accept.equals("application/json");
    }

    private void answer(RoutingContext context, Person person) {
        if (context.response().closed()) {
            return;
        }
        byte[] body;
        try {
            body = json.writeValueAsBytes(person);
        } catch (JsonProcessingException e) {
            context.fail(e);
            return;
        }
        context.response().putHeader(HttpHeaders.CONTENT_TYPE, PERSON_CONTENT_TYPE).end(Buffer.buffer(body));
    }

    private static void fail(RoutingContext context, Throwable failure) {
        if (context.response().closed()) {
            return;
        }
        if (failure instanceof PersonNotFoundException notFound) {
            ErrorBody.send(context, 404, notFound.getMessage());
        } else {
            context.fail(failure);
        }
    }
}
