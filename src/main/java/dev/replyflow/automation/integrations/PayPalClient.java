package dev.replyflow.automation.integrations;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * PayPal Orders API v2: creates an order the contact approves (pays) through its approve link. The
 * {@code PayPal-Request-Id} header makes the creation idempotent: the same id returns the same order instead of
 * a second one, so a retried call cannot create two.
 */
@Component
public class PayPalClient {

    static final String SERVICE = "PayPal";

    /** PayPal accepts at most this many characters in PayPal-Request-Id. */
    static final int MAX_REQUEST_ID = 108;

    /** {"name":"UNPROCESSABLE_ENTITY","message":…,"details":[{"issue":…,"description":…}],"debug_id":…} */
    static final IntegrationHttp.ErrorText ERROR_TEXT = body -> {
        if (!body.path("name").isTextual()) {
            return PayPalTokens.ERROR_TEXT.of(body);
        }
        StringBuilder text = new StringBuilder(body.path("name").asText());
        String message = body.path("message").asText("");
        if (!message.isBlank()) {
            text.append(": ").append(message);
        }
        List<String> issues = new ArrayList<>();
        for (JsonNode detail : body.path("details")) {
            String description = detail.path("description").asText("");
            String field = detail.path("field").asText("");
            issues.add(detail.path("issue").asText("") + (field.isBlank() ? "" : " at " + field)
                    + (description.isBlank() ? "" : ": " + description));
        }
        if (!issues.isEmpty()) {
            text.append(" [").append(String.join("; ", issues)).append(']');
        }
        String debugId = body.path("debug_id").asText("");
        if (!debugId.isBlank()) {
            // PayPal's support asks for this id
            text.append(" (debug_id ").append(debugId).append(')');
        }
        return text.toString();
    };

    public record Order(String id, String approveUrl) {
    }

    private final IntegrationProperties.PayPal config;
    private final IntegrationHttp http;
    private final PayPalTokens tokens;

    @Autowired
    public PayPalClient(IntegrationProperties properties, IntegrationHttp http) {
        // the system clock, not the platform's: token lifetimes are PayPal's real time
        this(properties, http, Clock.systemUTC());
    }

    public PayPalClient(IntegrationProperties properties, IntegrationHttp http, Clock clock) {
        this.config = properties.paypal();
        this.http = http;
        this.tokens = new PayPalTokens(config, http, clock);
    }

    /** Fails naming the missing key when PayPal is not configured. */
    public void requireConfigured() {
        IntegrationProperties.require(config.clientId(), "paypal.client-id", SERVICE);
        IntegrationProperties.require(config.clientSecret(), "paypal.client-secret", SERVICE);
    }

    /**
     * Creates an order for the amount (intent CAPTURE). {@code key} identifies this payment request: the same
     * key, the same order.
     */
    public Order createOrder(String key, PayPalAmount amount, String description) {
        requireConfigured();
        String requestId = requestId(key);
        ObjectNode body = http.object();
        body.put("intent", "CAPTURE");
        ObjectNode unit = body.putArray("purchase_units").addObject();
        unit.put("reference_id", requestId);
        if (description != null && !description.isBlank()) {
            String text = description.strip();
            unit.put("description", text.length() > 127 ? text.substring(0, 127) : text); // PayPal's limit
        }
        unit.putObject("amount").put("currency_code", amount.currency()).put("value", amount.value());

        String token = tokens.get();
        IntegrationHttp.Answer answer = http.exchange(SERVICE, ordersRequest(token, requestId, body));
        if (answer.status() == 401) {
            // a cached token PayPal no longer honours: one more try with a fresh one (same request id, same order)
            tokens.forget(token);
            answer = http.exchange(SERVICE, ordersRequest(tokens.get(), requestId, body));
        }
        JsonNode order = http.success(SERVICE, answer, ERROR_TEXT);
        String id = order.path("id").asText("");
        if (id.isBlank()) {
            throw new IntegrationRejectedException(SERVICE + " answered without an order id");
        }
        return new Order(id, approveUrl(order));
    }

    private HttpRequest ordersRequest(String token, String requestId, ObjectNode body) {
        return http.request(SERVICE, config.baseUrl(), "/v2/checkout/orders")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("PayPal-Request-Id", requestId)
                .POST(http.json(body)).build();
    }

    /** "approve" for a PayPal-wallet order; "payer-action" when PayPal wants the payer elsewhere first. */
    private static String approveUrl(JsonNode order) {
        for (String rel : List.of("approve", "payer-action")) {
            for (JsonNode link : order.path("links")) {
                if (rel.equals(link.path("rel").asText()) && !link.path("href").asText("").isBlank()) {
                    return link.path("href").asText();
                }
            }
        }
        throw new IntegrationRejectedException(SERVICE + " created order " + order.path("id").asText()
                + " (status " + order.path("status").asText("unknown") + ") without an approve link");
    }

    /** The key itself when PayPal accepts its length, else a digest of it: stable either way. */
    static String requestId(String key) {
        if (key.length() <= MAX_REQUEST_ID) {
            return key;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
