package dev.replyflow.messaging.webhook;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.replyflow.contact.PhoneNumbers;
import dev.replyflow.messaging.Inbound;
import dev.replyflow.messaging.InboundMessages;
import dev.replyflow.messaging.MessageStatuses;
import dev.replyflow.messaging.WhatsAppProperties;
import dev.replyflow.web.ApiException;
import dev.replyflow.web.WebhookBodies;
import jakarta.servlet.http.HttpServletRequest;

/**
 * WhatsApp's webhook. Its signature is its authentication: unsigned, wrongly signed, oversized (over 3 MB) and
 * malformed deliveries are refused before anything is stored. A duplicate delivery changes nothing. A 200 means the
 * messages are stored with their routing jobs: routing runs after the answer, off this thread (InboundRouting).
 */
@RestController
@RequestMapping("/webhooks/whatsapp")
public class WebhookController {

    static final int MAX_BYTES = 3 * 1024 * 1024;
    private static final int ATTEMPTS = 3;
    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

    private final WhatsAppProperties properties;
    private final InboundMessages inbound;
    private final MessageStatuses statuses;
    private final PhoneNumbers phoneNumbers;
    private final ObjectMapper json;
    private final RejectedInbound rejected;

    public WebhookController(WhatsAppProperties properties, InboundMessages inbound, MessageStatuses statuses,
            PhoneNumbers phoneNumbers, ObjectMapper json, RejectedInbound rejected) {
        this.rejected = rejected;
        this.properties = properties;
        this.inbound = inbound;
        this.statuses = statuses;
        this.phoneNumbers = phoneNumbers;
        this.json = json;
    }

    /** Meta's subscription handshake: echo the challenge when the verify token matches. */
    @GetMapping
    public ResponseEntity<String> verify(@RequestParam(name = "hub.mode", required = false) String mode,
            @RequestParam(name = "hub.verify_token", required = false) String token,
            @RequestParam(name = "hub.challenge", required = false) String challenge) {
        String expected = properties.verifyToken();
        boolean ok = "subscribe".equals(mode) && expected != null && !expected.isEmpty() && expected.equals(token);
        return ok ? ResponseEntity.ok().contentType(org.springframework.http.MediaType.TEXT_PLAIN).body(challenge)
                : ResponseEntity.status(HttpStatus.FORBIDDEN).build();
    }

    @PostMapping
    public ResponseEntity<Void> receive(HttpServletRequest request,
            @RequestHeader(name = "X-Hub-Signature-256", required = false) String signature) throws IOException {
        byte[] body = WebhookBodies.read(request, MAX_BYTES, "webhook");
        if (!WebhookSignature.matches(body, signature, properties.appSecret())) {
            if (properties.appSecret() == null || properties.appSecret().isEmpty()) {
                log.warn("A WhatsApp webhook delivery was refused: replyflow.whatsapp.app-secret is not configured");
            }
            throw new ApiException(HttpStatus.UNAUTHORIZED, "Invalid signature",
                    "X-Hub-Signature-256 is missing or does not match the body", "X-Hub-Signature-256");
        }
        WebhookPayload payload;
        try {
            payload = WebhookPayload.parse(json.readTree(body));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw ApiException.invalid("body", "Not a WhatsApp webhook delivery: " + e.getMessage());
        }
        for (WebhookPayload.Rejected r : payload.rejected) {
            rejected.keep("whatsapp", r.waMessageId(), r.from(), r.reason(), r.body());
        }
        for (WebhookPayload.ParsedMessage m : payload.messages) {
            receive(m);
        }
        for (WebhookPayload.ParsedStatus s : payload.statuses) {
            if (s.status() != null) {
                statuses.apply(s.waMessageId(), s.status(), s.timestamp(), s.errorCode(), s.errorTitle(), s.reference());
            }
        }
        return ResponseEntity.ok().build();
    }

    private void receive(WebhookPayload.ParsedMessage m) {
        String from;
        try {
            from = phoneNumbers.toE164("+" + m.from());
        } catch (IllegalArgumentException e) {
            rejected.keep("whatsapp", m.waMessageId(), m.from(), "sender " + m.from() + " is not a valid phone number: "
                    + e.getMessage(), m.toString());
            return;
        }
        Inbound message = new Inbound(m.waMessageId(), from, m.profileName(), m.timestamp(), m.type(), m.text(), m.payload());
        for (int attempt = 1; ; attempt++) {
            try {
                inbound.receive(message);
                return;
            } catch (DataIntegrityViolationException race) {
                // a concurrent delivery created the same new contact, or stored the same wamid, first: the next attempt
                // finds them (and a true duplicate changes nothing). Persisting failures answer 500: WhatsApp delivers again.
                if (attempt == ATTEMPTS) {
                    throw race;
                }
                log.debug("WhatsApp message {} raced another delivery (attempt {}): {}", m.waMessageId(), attempt,
                        race.getMostSpecificCause().getMessage());
            }
        }
    }
}
