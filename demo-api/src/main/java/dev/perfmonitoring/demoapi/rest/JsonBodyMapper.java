package dev.perfmonitoring.demoapi.rest;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.stream.Collectors;

/**
 * 400 for JSON of the wrong shape: a number where text belongs, an array instead of an object, trailing content.
 * (Replaces Quarkus's built-in mapper for this exception, which answers with an empty body. Syntax errors reach
 * {@link WebApplicationExceptionMapper}, wrapped by Quarkus.)
 */
@Provider
public class JsonBodyMapper implements ExceptionMapper<MismatchedInputException> {

    @Override
    public Response toResponse(MismatchedInputException exception) {
        if (exception.getPath().isEmpty()) {
            return ApiError.response(400, "the body must be one JSON object");
        }
        String field = exception.getPath().stream()
                .map(reference -> reference.getFieldName() != null
                        ? reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
        return ApiError.response(400, "wrong type or value for field " + field);
    }
}
