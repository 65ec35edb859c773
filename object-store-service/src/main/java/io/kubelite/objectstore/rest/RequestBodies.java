package io.kubelite.objectstore.rest;

import io.kubelite.objectstore.errors.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;

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
            byte[] body = in.readNBytes((int) maxBytes + 1);
            if (body.length > maxBytes) {
                throw ApiException.tooLarge(maxBytes);
            }
            return body;
        } catch (IOException e) {
            throw ApiException.badRequest("could not read the request body: " + e.getMessage());
        }
    }
}
