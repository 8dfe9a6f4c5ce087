package dev.replyflow.shop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.replyflow.automation.Triggers;
import dev.replyflow.contact.Contact;
import dev.replyflow.contact.PhoneNumbers;
import dev.replyflow.web.ApiException;
import dev.replyflow.web.WebhookBodies;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Shopify's and WooCommerce's webhooks: POST /webhooks/shop/shopify and /webhooks/shop/woocommerce. The signature
 * (base64 HMAC-SHA256 of the raw body with replyflow.shop.&lt;source&gt;.secret) is the authentication: unsigned,
 * wrongly signed (or with no secret configured), oversized (over 1 MB) and malformed deliveries are refused before
 * anything is stored. An order or abandoned cart (see {@link ShopEvents} for the mapping) upserts the customer as a
 * contact and, once committed, starts the automations whose signal start event is {@code shop:<event>}, with the
 * contact's phone as business key. Other topics, and customers without a valid phone, are acknowledged and ignored;
 * a repeated delivery starts nothing again. Answers 200 with {"outcome": started|ignored|duplicate, ...}.
 */
@RestController
@RequestMapping("/webhooks/shop")
public class ShopWebhookController {

    static final int MAX_BYTES = 1024 * 1024;
    private static final int MAX_DELIVERY_ID = 200;
    /** WooCommerce's unsigned ping when a webhook is saved: it disables the webhook unless answered 2xx. */
    private static final Pattern WOOCOMMERCE_PING = Pattern.compile("webhook_id=\\d{1,20}");
    private static final Logger log = LoggerFactory.getLogger(ShopWebhookController.class);

    private final ShopSecrets secrets;
    private final ShopDeliveries deliveries;
    private final Triggers triggers;
    private final PhoneNumbers phoneNumbers;
    private final ObjectReader json;
    private final TransactionTemplate tx;

    public ShopWebhookController(ShopSecrets secrets, ShopDeliveries deliveries, Triggers triggers, PhoneNumbers phoneNumbers,
            ObjectMapper json, PlatformTransactionManager transactions) {
        this.secrets = secrets;
        this.deliveries = deliveries;
        this.triggers = triggers;
        this.phoneNumbers = phoneNumbers;
        this.json = json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    }

    @PostMapping("/{source}")
    public ResponseEntity<Map<String, Object>> receive(@PathVariable("source") String sourceName, HttpServletRequest request)
            throws IOException {
        ShopSource source = ShopSource.of(sourceName).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                "Unknown shop", "No shop webhook named '" + sourceName + "'; use shopify or woocommerce", "source"));
        byte[] body = WebhookBodies.read(request, MAX_BYTES, "shop webhook");
        String signature = request.getHeader(source.signatureHeader());
        if (source == ShopSource.WOOCOMMERCE && signature == null && isPing(body, request)) {
            return outcome("ignored", "WooCommerce ping");
        }
        String secret = secrets.of(source);
        if (!ShopSignature.matches(body, signature, secret)) {
            if (secret == null) {
                log.warn("A {} webhook delivery was refused: replyflow.shop.{}.secret is not configured", source.path(), source.path());
            }
            throw new ApiException(HttpStatus.UNAUTHORIZED, "Invalid signature",
                    source.signatureHeader() + " is missing or does not match the body", source.signatureHeader());
        }
        JsonNode payload;
        try {
            payload = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.invalid("body", "Not a JSON " + source.path() + " webhook delivery: " + e.getOriginalMessage());
        }
        if (payload == null || !payload.isObject()) {
            throw ApiException.invalid("body", "A " + source.path() + " webhook delivery is a JSON object");
        }
        String topic = request.getHeader(source.topicHeader());
        if (topic == null || topic.isBlank()) {
            throw ApiException.invalid(source.topicHeader(), source.topicHeader() + " is missing");
        }
        String deliveryId = request.getHeader(source.deliveryHeader());
        if (deliveryId != null && deliveryId.strip().length() > MAX_DELIVERY_ID) {
            throw ApiException.invalid(source.deliveryHeader(), source.deliveryHeader() + " is longer than " + MAX_DELIVERY_ID);
        }

        Optional<ShopEvent> read = ShopEvents.read(source, topic, payload);
        if (read.isEmpty()) {
            log.debug("Ignored {} delivery {}: topic {} starts no automation", source.path(), deliveryId, topic);
            return outcome("ignored", "topic " + topic + " starts no automation");
        }
        ShopEvent event = read.get();
        String phone;
        try {
            phone = phoneOf(event);
        } catch (IllegalArgumentException unplaceable) {
            // never guess a country: a wrong one would message a stranger
            log.info("Ignored {} {} delivery {} ({} {}): {}", source.path(), topic, deliveryId, event.event(), event.objectId(),
                    unplaceable.getMessage());
            return outcome("ignored", unplaceable.getMessage());
        }
        List<String> keys = new ArrayList<>();
        if (deliveryId != null && !deliveryId.isBlank()) {
            keys.add(deliveryId.strip());
        }
        if (event.objectId() != null) {
            String key = "event:" + event.event() + ":" + event.objectId();
            keys.add(key.length() > 255 ? key.substring(0, 255) : key);
        }
        Optional<Contact> contact;
        try {
            contact = deliveries.record(source, keys, phone, event.name());
        } catch (DataIntegrityViolationException e) {
            if (!deliveries.seen(source, keys)) {
                throw e; // not the delivery itself: a conflict the shop's retry resolves
            }
            contact = Optional.empty(); // the same delivery, handled at the same moment
        }
        if (contact.isEmpty()) {
            log.debug("Duplicate {} delivery {} ({} {}) ignored", source.path(), deliveryId, event.event(), event.objectId());
            return outcome("duplicate", "already handled");
        }
        Long contactId = contact.get().getId();
        int started;
        try {
            started = tx.execute(status -> triggers.startBySignal(event.signal(), phone, contactId, event.variables()));
        } catch (RuntimeException e) {
            log.error("{} {} for contact {}: the automations could not start; the delivery is forgotten so the shop's retry "
                    + "starts them", source.path(), event.signal(), contactId, e);
            deliveries.forget(source, keys);
            throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "Automations not started",
                    "The automations of " + event.signal() + " could not start; retry the delivery", null);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("outcome", "started");
        answer.put("event", event.event());
        answer.put("contactId", contactId);
        answer.put("automationsStarted", started);
        return ResponseEntity.ok(answer);
    }

    private static boolean isPing(byte[] body, HttpServletRequest request) {
        if (body.length == 0) { // a filter may have read the form body as parameters already
            String id = request.getParameter("webhook_id");
            return id != null && WOOCOMMERCE_PING.matcher("webhook_id=" + id).matches();
        }
        return WOOCOMMERCE_PING.matcher(new String(body, StandardCharsets.US_ASCII).strip()).matches();
    }

    /** The first phone that is a valid number in its country. @throws IllegalArgumentException saying why none is */
    private String phoneOf(ShopEvent event) {
        List<String> reasons = new ArrayList<>();
        for (ShopEvent.Phone candidate : event.phones()) {
            try {
                return phoneNumbers.toE164(candidate.number(), candidate.region());
            } catch (IllegalArgumentException invalid) {
                reasons.add(invalid.getMessage()); // try the next one
            }
        }
        throw new IllegalArgumentException(reasons.isEmpty() ? "the customer has no phone number"
                : "the customer has no valid phone number: " + String.join("; ", reasons));
    }

    private static ResponseEntity<Map<String, Object>> outcome(String outcome, String reason) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("outcome", outcome);
        answer.put("reason", reason);
        return ResponseEntity.ok(answer);
    }
}
