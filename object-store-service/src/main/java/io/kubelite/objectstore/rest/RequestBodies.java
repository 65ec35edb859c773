package io.kubelite.objectstore.rest;

import io.kubelite.objectstore.errors.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Reads request bodies up to the size limit (kube-apiserver's 3 MiB); larger ones get 413. */
@Component
public class RequestBodies {


    private final long maxBytes;

    public RequestBodies(@Value("${kubelite.store.max-request-bytes:3145728}") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public byte[] read(HttpServletRequest request) {
        if (request.getContentLengthLong() > maxBytes) {
            throw ApiException.tooLarge(maxBytes);
        }
        try (InputStream in = request.getInputStream()) {
            // Not in.readNBytes(limit): the servlet stream's version allocates the whole limit
            // (3 MiB) for every request, a 300-byte ConfigMap included.
            long declared = request.getContentLengthLong();
            if (declared >= 0) {
                byte[] body = new byte[(int) declared];
                int read = in.readNBytes(body, 0, body.length);
                return read == body.length ? body : Arrays.copyOf(body, read);
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
            byte[] chunk = new byte[8192];
            int n;
            while ((n = in.read(chunk)) != -1) {
                body.write(chunk, 0, n);
                if (body.size() > maxBytes) {
                    throw ApiException.tooLarge(maxBytes);
                }
            }
            return body.toByteArray();
        } catch (IOException e) {
            throw ApiException.badRequest("could not read the request body: " + e.getMessage());
        }
    }
}
