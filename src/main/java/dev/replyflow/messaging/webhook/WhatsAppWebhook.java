package dev.replyflow.messaging.webhook;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.replyflow.delivery.HandOffs;
import dev.replyflow.delivery.SignedWebhook;
import dev.replyflow.messaging.WhatsAppProperties;
import dev.replyflow.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;

/**
 * WhatsApp's deliveries in the signed-delivery pipeline: X-Hub-Signature-256 over the raw body, at most 3 MB. A
 * delivery is read (a 400 when it is not of the Cloud API's shape), then stored as it came with its hand-off
 * (WhatsAppHandOff), which stores its messages and statuses at once after the answer (HandOffs#handOffAtOnce).
 */
@Component
class WhatsAppWebhook implements SignedWebhook<WebhookPayload, ResponseEntity<Void>> {

    static final int MAX_BYTES = 3 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(WhatsAppWebhook.class);

    private final WhatsAppProperties properties;
    private final ObjectMapper json;
    private final HandOffs handOffs;
    private final WhatsAppHandOff handOff;

    WhatsAppWebhook(WhatsAppProperties properties, ObjectMapper json, HandOffs handOffs, WhatsAppHandOff handOff) {
        this.properties = properties;
        this.json = json;
        this.handOffs = handOffs;
        this.handOff = handOff;
    }

    @Override
    public String name() {
        return "WhatsApp webhook";
    }

    @Override
    public String source() {
        return "whatsapp";
    }

    @Override
    public int maxBytes() {
        return MAX_BYTES;
    }

    @Override
    public String signatureHeader() {
        return "X-Hub-Signature-256";
    }

    @Override
    public boolean signed(HttpServletRequest request, byte[] body) {
        String secret = properties.appSecret();
        if (secret == null || secret.isEmpty()) {
            log.warn("A WhatsApp webhook delivery was refused: replyflow.whatsapp.app-secret is not configured");
            return false;
        }
        return WebhookSignature.matches(body, request.getHeader(signatureHeader()), secret);
    }

    @Override
    public WebhookPayload read(HttpServletRequest request, byte[] body) {
        try {
            return WebhookPayload.parse(json.readTree(body));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw ApiException.invalid("body", "Not a WhatsApp webhook delivery: " + e.getMessage());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Never asked: a WhatsApp delivery has no id of its own, its messages are deduplicated by wamid. */
    @Override
    public ResponseEntity<Void> duplicate(WebhookPayload delivery) {
        return ResponseEntity.ok().build();
    }

    /** The delivery with its hand-off; one too long for a hand-off's row is stored whole now, as it was before. */
    @Override
    public ResponseEntity<Void> store(WebhookPayload payload) {
        if (!handOffs.handOffAtOnce(source(), handOff, payload.root)) {
            handOff.store(payload, false);
        }
        return ResponseEntity.ok().build();
    }
}
