package dev.replyflow.automation.outbound;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.stereotype.Component;

/**
 * POSTs a webhook body: signed, guarded against internal addresses, bounded in time and size, and never
 * following a redirect (a redirect would lead past the address check, and resend the signed body elsewhere).
 */
@Component
class WebhookClient {

    /** Only a response mapping reads the answer; more than this is not a webhook's acknowledgement. */
    static final int MAX_RESPONSE_BYTES = 1024 * 1024;

    private final WebhookProperties properties;
    private final WebhookAddressGuard guard;
    private final HttpClient http;

    WebhookClient(WebhookProperties properties) {
        this.properties = properties;
        this.guard = new WebhookAddressGuard(properties.allowedHosts());
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                // webhook receivers speak HTTP/1.1; no h2c upgrade headers on a plain http POST
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * @throws WebhookRefusedException when the URL's host is internal and not allow-listed
     * @throws WebhookUnavailableException on a timeout or connection error (retry)
     */
    WebhookResponse post(URI url, byte[] body, String deliveryId) {
        guard.check(url.getHost());
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(properties.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Replyflow")
                .header("X-Replyflow-Delivery", deliveryId)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (properties.signs()) {
            request.header("X-Replyflow-Signature", WebhookSignature.sign(body, properties.signingSecret()));
        }
        CompletableFuture<HttpResponse<byte[]>> sent = http.sendAsync(request.build(), info -> atMost(MAX_RESPONSE_BYTES + 1));
        try {
            // the request timeout ends with the response headers; this deadline also bounds a slowly trickling body
            HttpResponse<byte[]> response = sent.get(properties.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return new WebhookResponse(response.statusCode(), response.body(),
                    response.headers().firstValue("Location").orElse(null));
        } catch (TimeoutException e) {
            sent.cancel(true);
            throw new WebhookUnavailableException(url.getHost() + " did not answer within " + properties.requestTimeout(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new WebhookUnavailableException("cannot reach " + url.getHost() + ": " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sent.cancel(true);
            throw new WebhookUnavailableException("interrupted while calling " + url.getHost(), e);
        }
    }

    /** Keeps at most {@code limit} bytes of the body (the rest is read and dropped), so memory stays bounded. */
    private static HttpResponse.BodySubscriber<byte[]> atMost(int limit) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        return BodySubscribers.mapping(BodySubscribers.ofByteArrayConsumer(chunk -> chunk.ifPresent(bytes -> {
            int room = limit - kept.size();
            if (room > 0) {
                kept.write(bytes, 0, Math.min(room, bytes.length));
            }
        })), done -> kept.toByteArray());
    }
}
