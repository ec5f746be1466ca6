package dev.perfmonitoring.demoapi.rest;

import io.quarkus.runtime.configuration.MemorySize;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Counts request-body bytes as JAX-RS reads them and stops at the limit with {@link BodyTooLargeException}. */
@Provider
public class StreamedBodyLimit implements ReaderInterceptor {

    private final long maxBytes;

    public StreamedBodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBytes = maxBodySize.asLongValue();
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new CountingInputStream(context.getInputStream(), maxBytes));
        return context.proceed();
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

        private void count(int read) throws BodyTooLargeException {
            bytesRead += read;
            if (bytesRead > maxBytes) {
                throw new BodyTooLargeException(maxBytes);
            }
        }
    }
}
