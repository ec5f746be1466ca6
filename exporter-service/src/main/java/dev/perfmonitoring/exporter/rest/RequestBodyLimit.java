package dev.perfmonitoring.exporter.rest;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.vertx.VertxInputStream;

/**
 * The request body limit ({@code quarkus.http.limits.max-body-size}) with the JSON 413 of every other error, whether
 * the body announces its length or comes chunked. Quarkus enforces the same limit but answers an empty 413, so: a
 * Content-Length over the limit is refused here just before Quarkus's check; for a body without Content-Length,
 * Quarkus's check is switched off and the bytes are counted as JAX-RS reads them, ending in {@link TooLargeException}
 * ({@link ErrorMappers} answers it). Either way the rest of the body stays unread, so the connection is closed.
 */
@Provider
public class RequestBodyLimit implements ReaderInterceptor {

    private final long maxBytes;

    public RequestBodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBytes = maxBodySize.asLongValue();
    }

    void enforceOn(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::rejectAnnouncedOversizeBody);
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(RequestBodyLimit::countStreamedBody);
    }

    private void rejectAnnouncedOversizeBody(RoutingContext context) {
        String contentLength = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (contentLength != null && announcedLength(contentLength) > maxBytes) {
            context.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            ErrorBody.send(context, 413, message(maxBytes));
            return;
        }
        context.next();
    }

    /** Quarkus marks a body without Content-Length for its own (empty) 413 while it is read; this class counts instead. */
    private static void countStreamedBody(RoutingContext context) {
        context.remove(VertxInputStream.MAX_REQUEST_SIZE_KEY);
        context.next();
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new CountingInputStream(context.getInputStream(), maxBytes));
        return context.proceed();
    }

    private static String message(long maxBytes) {
        return "body: larger than " + maxBytes + " bytes";
    }

    private static long announcedLength(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * A request body longer than the limit. An IOException, like any failure of the body stream, so that the JSON
     * parser reading it passes it on instead of reporting malformed JSON.
     */
    public static final class TooLargeException extends IOException {

        TooLargeException(long maxBytes) {
            super(message(maxBytes));
        }
    }

    private static final class CountingInputStream extends FilterInputStream {

        private final long maxBytes;
        private long bytesRead;

        CountingInputStream(InputStream body, long maxBytes) {
            super(body);
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int value = super.read();
            if (value >= 0) {
                count(1);
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                count(read);
            }
            return read;
        }

        private void count(int read) throws TooLargeException {
            bytesRead += read;
            if (bytesRead > maxBytes) {
                throw new TooLargeException(maxBytes);
            }
        }
    }
}
