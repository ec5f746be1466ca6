package dev.perfmonitoring.demoapi.rest;

import dev.perfmonitoring.demoapi.service.PersonNotFoundException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 404 for an id no person has. */
@Provider
public class PersonNotFoundMapper implements ExceptionMapper<PersonNotFoundException> {

    @Override
    public Response toResponse(PersonNotFoundException exception) {
        return ApiError.response(404, exception.getMessage());
    }
}
