package dev.replyflow.messaging.cloudapi;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where and as whom Replyflow calls Meta's WhatsApp Cloud API ({@code replyflow.whatsapp.cloud-api.*}).
 * Bound even when another provider is active, so nothing here is required; {@link CloudApiGateway} checks
 * the phone number id and the token when it is actually used.
 */
@ConfigurationProperties(prefix = "replyflow.whatsapp.cloud-api")
public record CloudApiProperties(String baseUrl, String phoneNumberId, String accessToken, Duration connectTimeout,
        Duration requestTimeout) {

    public static final String DEFAULT_BASE_URL = "https://graph.facebook.com/v21.0";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(15);

    public CloudApiProperties {
        if (baseUrl == null || baseUrl.isBlank()) {
            baseUrl = DEFAULT_BASE_URL;
        }
        // a trailing slash would give "//{phoneNumberId}", which the Graph API answers with 404
        baseUrl = baseUrl.strip().replaceAll("/+$", "");
        if (connectTimeout == null) {
            connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        }
        if (requestTimeout == null) {
            requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        }
    }

    /** The record's own toString would print the access token into any log that prints the configuration. */
    @Override
    public String toString() {
        return "CloudApiProperties[baseUrl=" + baseUrl + ", phoneNumberId=" + phoneNumberId + ", accessToken="
                + (accessToken == null || accessToken.isBlank() ? "<not set>" : "<hidden>") + ", connectTimeout="
                + connectTimeout + ", requestTimeout=" + requestTimeout + "]";
    }
}
