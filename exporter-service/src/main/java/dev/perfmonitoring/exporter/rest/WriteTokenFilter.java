package dev.perfmonitoring.exporter.rest;

import dev.perfmonitoring.exporter.config.ExporterConfig;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * With {@code EXPORTER_TOKEN} set, every write (POST, PUT, DELETE) needs {@code Authorization: Bearer <token>};
 * reads stay open. Runs before the body is read, so an unauthenticated client learns nothing about its input.
 */
public class WriteTokenFilter {

    private static final String BEARER = "Bearer ";

    private final Optional<byte[]> token;

    public WriteTokenFilter(ExporterConfig config) {
        this.token = config.token().filter(value -> !value.isBlank()).map(value -> value.getBytes(StandardCharsets.UTF_8));
    }

    @ServerRequestFilter
    public Optional<Response> requireToken(ContainerRequestContext request) {
        if (token.isEmpty() || HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod())
                || HttpMethod.OPTIONS.equals(request.getMethod())) {
            return Optional.empty();
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.startsWith(BEARER)
                && MessageDigest.isEqual(token.get(), authorization.substring(BEARER.length()).getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        String problem = authorization == null ? "Authorization: bearer token required" : "Authorization: wrong bearer token";
        return Optional.of(Response.fromResponse(ErrorBody.response(401, problem))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"exporter\"")
                .build());
    }
}
