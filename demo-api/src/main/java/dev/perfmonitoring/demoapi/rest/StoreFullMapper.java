package dev.perfmonitoring.demoapi.rest;

import dev.perfmonitoring.demoapi.service.StoreFullException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 507 Insufficient Storage when the store holds its capacity, as prometric. */
@Provider
public class StoreFullMapper implements ExceptionMapper<StoreFullException> {

    @Override
    public Response toResponse(StoreFullException exception) {
        return ApiError.response(507, exception.getMessage());
    }
}
