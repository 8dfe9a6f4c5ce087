package dev.replyflow.messaging.webhook;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.replyflow.contact.PhoneNumbers;
import dev.replyflow.delivery.SignedWebhook;
import dev.replyflow.messaging.Inbound;
import dev.replyflow.messaging.InboundMessages;
import dev.replyflow.messaging.MessageStatuses;
import dev.replyflow.messaging.WhatsAppProperties;
import dev.replyflow.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;

/**
 * WhatsApp's deliveries in the signed-delivery pipeline: X-Hub-Signature-256 over the raw body, at most 3 MB. A
 * delivery is stored whole in one transaction: each message deduplicated by its wamid and stored with its routing job
 * (InboundMessages), the messages it cannot take kept as rejected, the statuses applied.
 */
@Component
class WhatsAppWebhook implements SignedWebhook<WebhookPayload, ResponseEntity<Void>> {

    static final int MAX_BYTES = 3 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(WhatsAppWebhook.class);

    private final WhatsAppProperties properties;
    private final InboundMessages inbound;
    private final MessageStatuses statuses;
    private final PhoneNumbers phoneNumbers;
    private final ObjectMapper json;
    private final RejectedInbound rejected;

    WhatsAppWebhook(WhatsAppProperties properties, InboundMessages inbound, MessageStatuses statuses,
            PhoneNumbers phoneNumbers, ObjectMapper json, RejectedInbound rejected) {
        this.properties = properties;
        this.inbound = inbound;
        this.statuses = statuses;
        this.phoneNumbers = phoneNumbers;
        this.json = json;
        this.rejected = rejected;
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

    @Override
    public ResponseEntity<Void> store(WebhookPayload payload) {
        for (WebhookPayload.Rejected r : payload.rejected) {
            rejected.keep("whatsapp", r.waMessageId(), r.from(), r.reason(), r.body());
        }
        for (WebhookPayload.ParsedMessage m : payload.messages) {
            store(m);
        }
        for (WebhookPayload.ParsedStatus s : payload.statuses) {
            if (s.status() != null) {
                statuses.apply(s.waMessageId(), s.status(), s.timestamp(), s.errorCode(), s.errorTitle(), s.reference());
            }
        }
        return ResponseEntity.ok().build();
    }

    private void store(WebhookPayload.ParsedMessage m) {
        String from;
        try {
            from = phoneNumbers.toE164("+" + m.from());
        } catch (IllegalArgumentException e) {
            rejected.keep("whatsapp", m.waMessageId(), m.from(), "sender " + m.from() + " is not a valid phone number: "
                    + e.getMessage(), m.toString());
            return;
        }
        inbound.receive(new Inbound(m.waMessageId(), from, m.profileName(), m.timestamp(), m.type(), m.text(), m.payload()));
    }
}
