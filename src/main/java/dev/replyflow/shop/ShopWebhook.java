package dev.replyflow.shop;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.replyflow.automation.SignalHandOff;
import dev.replyflow.contact.Contact;
import dev.replyflow.contact.ContactService;
import dev.replyflow.contact.PhoneNumbers;
import dev.replyflow.delivery.HandOffs;
import dev.replyflow.delivery.SignedWebhook;
import dev.replyflow.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;

/**
 * One shop's deliveries in the signed-delivery pipeline: base64 HMAC-SHA256 of the raw body with the shop's secret, at
 * most 1 MB, deduplicated by the shop's delivery id and by the event itself (an order is paid once). Storing one
 * upserts the customer as a contact and stores the start of its {@code shop:<event>} automations as the hand-off.
 */
final class ShopWebhook implements SignedWebhook<ShopDelivery, Map<String, Object>> {

    static final int MAX_BYTES = 1024 * 1024;
    private static final int MAX_DELIVERY_ID = 200;
    /** WooCommerce's unsigned ping when a webhook is saved: it disables the webhook unless answered 2xx. */
    private static final Pattern WOOCOMMERCE_PING = Pattern.compile("webhook_id=\\d{1,20}");
    private static final Logger log = LoggerFactory.getLogger(ShopWebhook.class);

    private final ShopSource source;
    private final ShopSecrets secrets;
    private final PhoneNumbers phoneNumbers;
    private final ContactService contacts;
    private final HandOffs handOffs;
    private final SignalHandOff automations;
    private final ObjectReader json;

    ShopWebhook(ShopSource source, ShopSecrets secrets, PhoneNumbers phoneNumbers, ContactService contacts, HandOffs handOffs,
            SignalHandOff automations, ObjectReader json) {
        this.source = source;
        this.secrets = secrets;
        this.phoneNumbers = phoneNumbers;
        this.contacts = contacts;
        this.handOffs = handOffs;
        this.automations = automations;
        this.json = json;
    }

    @Override
    public String name() {
        return "shop webhook";
    }

    @Override
    public String source() {
        return source.path();
    }

    @Override
    public int maxBytes() {
        return MAX_BYTES;
    }

    @Override
    public String signatureHeader() {
        return source.signatureHeader();
    }

    /** True also for WooCommerce's unsigned ping, which stores nothing ({@link #read} answers it as ignored). */
    @Override
    public boolean signed(HttpServletRequest request, byte[] body) {
        String signature = request.getHeader(source.signatureHeader());
        if (signature == null && isPing(request, body)) {
            return true;
        }
        String secret = secrets.of(source);
        if (secret == null) {
            log.warn("A {} webhook delivery was refused: replyflow.shop.{}.secret is not configured", source.path(), source.path());
        }
        return ShopSignature.matches(body, signature, secret);
    }

    @Override
    public ShopDelivery read(HttpServletRequest request, byte[] body) {
        if (request.getHeader(source.signatureHeader()) == null && isPing(request, body)) {
            return ShopDelivery.ignored("WooCommerce ping");
        }
        JsonNode payload;
        try {
            payload = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.invalid("body", "Not a JSON " + source.path() + " webhook delivery: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
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
            return ShopDelivery.ignored("topic " + topic + " starts no automation");
        }
        ShopEvent event = read.get();
        String phone;
        try {
            phone = phoneOf(event);
        } catch (IllegalArgumentException unplaceable) {
            // never guess a country: a wrong one would message a stranger
            log.info("Ignored {} {} delivery {} ({} {}): {}", source.path(), topic, deliveryId, event.event(), event.objectId(),
                    unplaceable.getMessage());
            return ShopDelivery.ignored(unplaceable.getMessage());
        }
        List<String> keys = new ArrayList<>();
        if (deliveryId != null && !deliveryId.isBlank()) {
            keys.add(deliveryId.strip());
        }
        if (event.objectId() != null) {
            keys.add("event:" + event.event() + ":" + event.objectId());
        }
        return new ShopDelivery(event, phone, keys, null);
    }

    @Override
    public List<String> keys(ShopDelivery delivery) {
        return delivery.keys();
    }

    @Override
    public Map<String, Object> duplicate(ShopDelivery delivery) {
        log.debug("Duplicate {} delivery ({} {}) ignored", source.path(), delivery.event().event(), delivery.event().objectId());
        return outcome("duplicate", "already handled");
    }

    @Override
    public Map<String, Object> store(ShopDelivery delivery) {
        if (delivery.ignored() != null) {
            return outcome("ignored", delivery.ignored());
        }
        ShopEvent event = delivery.event();
        Contact contact = contacts.findOrCreate(delivery.phone(), event.name());
        handOffs.handOff(source.path(), contact.getId(), automations,
                new SignalHandOff.Start(event.signal(), delivery.phone(), contact.getId(), event.variables()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("outcome", "accepted");
        answer.put("event", event.event());
        answer.put("contactId", contact.getId());
        return answer;
    }

    private boolean isPing(HttpServletRequest request, byte[] body) {
        if (source != ShopSource.WOOCOMMERCE) {
            return false;
        }
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

    private static Map<String, Object> outcome(String outcome, String reason) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("outcome", outcome);
        answer.put("reason", reason);
        return answer;
    }
}
