package dev.replyflow.delivery;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.http.HttpStatus;

import dev.replyflow.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Reads a delivery's raw bytes (signatures are over exactly these). A declared length over the maximum is refused from
 * the header, before a byte of the body is read; a body without one is read up to the maximum and no further.
 */
final class DeliveryBodies {

    private static final int MB = 1024 * 1024;

    private DeliveryBodies() {
    }

    static byte[] read(HttpServletRequest request, int maxBytes, String what) throws IOException {
        if (request.getContentLengthLong() > maxBytes) {
            throw tooLarge(maxBytes, what);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw tooLarge(maxBytes, what);
            }
            return body;
        }
    }

    private static ApiException tooLarge(int maxBytes, String what) {
        String size = maxBytes % MB == 0 ? maxBytes / MB + " MB" : maxBytes / 1024 + " KB";
        return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "Delivery too large", "A " + what + " delivery is at most " + size,
                null);
    }
}
