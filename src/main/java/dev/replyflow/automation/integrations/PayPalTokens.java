package dev.replyflow.automation.integrations;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * PayPal's OAuth2 client-credentials token, fetched once and reused until shortly before it expires (PayPal
 * limits how often tokens may be requested, and one lives for hours).
 */
class PayPalTokens {

    /** {"error":"invalid_client","error_description":"Client Authentication failed"} */
    static final IntegrationHttp.ErrorText ERROR_TEXT = body -> {
        String error = body.path("error").asText("");
        String description = body.path("error_description").asText("");
        return error.isBlank() ? null : description.isBlank() ? error : error + ": " + description;
    };

    private static final Duration MAX_MARGIN = Duration.ofMinutes(5);

    private final IntegrationProperties.PayPal config;
    private final IntegrationHttp http;
    private final Clock clock;
    private String token;
    private Instant refreshAt = Instant.MIN;

    PayPalTokens(IntegrationProperties.PayPal config, IntegrationHttp http, Clock clock) {
        this.config = config;
        this.http = http;
        this.clock = clock;
    }

    synchronized String get() {
        if (token == null || !clock.instant().isBefore(refreshAt)) {
            fetch();
        }
        return token;
    }

    /** PayPal no longer accepts this token (revoked, or the clock was off): the next {@link #get()} fetches one. */
    synchronized void forget(String rejected) {
        if (rejected.equals(token)) {
            token = null;
        }
    }

    private void fetch() {
        String id = IntegrationProperties.require(config.clientId(), "paypal.client-id", PayPalClient.SERVICE);
        String secret = IntegrationProperties.require(config.clientSecret(), "paypal.client-secret", PayPalClient.SERVICE);
        String basic = Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = http.request(PayPalClient.SERVICE, config.baseUrl(), "/v1/oauth2/token")
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        JsonNode answer = http.send(PayPalClient.SERVICE, request, ERROR_TEXT);
        String accessToken = answer.path("access_token").asText("");
        if (accessToken.isBlank()) {
            throw new IntegrationRejectedException(PayPalClient.SERVICE + " answered the token request without an access_token");
        }
        Duration lifetime = Duration.ofSeconds(Math.max(0, answer.path("expires_in").asLong(0)));
        Duration margin = lifetime.dividedBy(2).compareTo(MAX_MARGIN) < 0 ? lifetime.dividedBy(2) : MAX_MARGIN;
        token = accessToken;
        refreshAt = clock.instant().plus(lifetime).minus(margin);
    }
}
