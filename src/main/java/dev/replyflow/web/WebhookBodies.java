package dev.replyflow.web;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.http.HttpStatus;

import jakarta.servlet.http.HttpServletRequest;

/** Reads a webhook delivery's raw bytes (signatures are over exactly these), refusing more than a maximum with 413. */
public final class WebhookBodies {

    private WebhookBodies() {
    }

    public static byte[] read(HttpServletRequest request, int maxBytes, String what) throws IOException {
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
        return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "Delivery too large",
                "A " + what + " delivery is at most " + maxBytes / (1024 * 1024) + " MB", null);
    }
}
