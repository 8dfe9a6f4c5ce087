package dev.replyflow.shop;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.replyflow.automation.SignalHandOff;
import dev.replyflow.contact.ContactService;
import dev.replyflow.contact.PhoneNumbers;
import dev.replyflow.delivery.HandOffs;
import dev.replyflow.delivery.SignedDeliveries;
import dev.replyflow.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Shopify's and WooCommerce's webhooks: POST /webhooks/shop/shopify and /webhooks/shop/woocommerce, run by the
 * signed-delivery pipeline ({@link ShopWebhook}). The signature (base64 HMAC-SHA256 of the raw body with
 * replyflow.shop.&lt;source&gt;.secret) is the authentication: unsigned, wrongly signed (or with no secret configured),
 * oversized (over 1 MB) and malformed deliveries are refused before anything is stored. An order or abandoned cart (see
 * {@link ShopEvents} for the mapping) upserts the customer as a contact and stores the start of the automations whose
 * signal start event is {@code shop:<event>} (contact's phone as business key), which an engine job then runs, retried
 * until done. Other topics, and customers without a valid phone, are acknowledged and ignored; a repeated delivery, or
 * the same event again, changes nothing. Answers 200 with {"outcome": accepted|ignored|duplicate, ...}.
 */
@RestController
@RequestMapping("/webhooks/shop")
public class ShopWebhookController {

    private final SignedDeliveries deliveries;
    private final Map<ShopSource, ShopWebhook> webhooks = new EnumMap<>(ShopSource.class);

    ShopWebhookController(SignedDeliveries deliveries, ShopSecrets secrets, PhoneNumbers phoneNumbers, ContactService contacts,
            HandOffs handOffs, SignalHandOff automations, ObjectMapper json) {
        this.deliveries = deliveries;
        for (ShopSource source : ShopSource.values()) {
            webhooks.put(source, new ShopWebhook(source, secrets, phoneNumbers, contacts, handOffs, automations,
                    json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)));
        }
    }

    @PostMapping("/{source}")
    public ResponseEntity<Map<String, Object>> receive(@PathVariable("source") String sourceName, HttpServletRequest request)
            throws IOException {
        ShopSource source = ShopSource.of(sourceName).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                "Unknown shop", "No shop webhook named '" + sourceName + "'; use shopify or woocommerce", "source"));
        return ResponseEntity.ok(deliveries.receive(request, webhooks.get(source)));
    }
}
