package dev.replyflow.messaging.webhook;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.replyflow.delivery.SignedDeliveries;
import dev.replyflow.messaging.WhatsAppProperties;
import jakarta.servlet.http.HttpServletRequest;

/**
 * WhatsApp's webhook. Its signature is its authentication: unsigned, wrongly signed, oversized (over 3 MB) and
 * malformed deliveries are refused before anything is stored. A duplicate delivery changes nothing. A 200 means the
 * messages are stored with their routing jobs (the signed-delivery pipeline, {@link WhatsAppWebhook}): routing runs
 * after the answer, off this thread (InboundRouting).
 */
@RestController
@RequestMapping("/webhooks/whatsapp")
public class WebhookController {

    private final WhatsAppProperties properties;
    private final SignedDeliveries deliveries;
    private final WhatsAppWebhook whatsapp;

    WebhookController(WhatsAppProperties properties, SignedDeliveries deliveries, WhatsAppWebhook whatsapp) {
        this.properties = properties;
        this.deliveries = deliveries;
        this.whatsapp = whatsapp;
    }

    /** Meta's subscription handshake: echo the challenge when the verify token matches. */
    @GetMapping
    public ResponseEntity<String> verify(@RequestParam(name = "hub.mode", required = false) String mode,
            @RequestParam(name = "hub.verify_token", required = false) String token,
            @RequestParam(name = "hub.challenge", required = false) String challenge) {
        String expected = properties.verifyToken();
        boolean ok = "subscribe".equals(mode) && expected != null && !expected.isEmpty() && expected.equals(token);
        return ok ? ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(challenge)
                : ResponseEntity.status(HttpStatus.FORBIDDEN).build();
    }

    @PostMapping
    public ResponseEntity<Void> receive(HttpServletRequest request) throws IOException {
        return deliveries.receive(request, whatsapp);
    }
}
