package dev.replyflow.automation.outbound;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the Send Webhook, Zapier and Make steps call out ({@code replyflow.webhooks.*}). Nothing is required:
 * without a signing secret the requests go unsigned; the allow-list names internal hosts (or IP literals) that
 * may be called despite the guard against server-side request forgery.
 */
@ConfigurationProperties(prefix = "replyflow.webhooks")
public record WebhookProperties(String signingSecret, List<String> allowedHosts, Duration connectTimeout,
        Duration requestTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public WebhookProperties {
        signingSecret = signingSecret == null || signingSecret.isBlank() ? null : signingSecret;
        allowedHosts = allowedHosts == null ? List.of()
                : allowedHosts.stream().filter(h -> h != null && !h.isBlank()).map(String::strip).toList();
        if (connectTimeout == null) {
            connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        }
        if (requestTimeout == null) {
            requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        }
    }

    public boolean signs() {
        return signingSecret != null;
    }

    /** The record's own toString would print the signing secret into any log that prints the configuration. */
    @Override
    public String toString() {
        return "WebhookProperties[signingSecret=" + (signs() ? "<hidden>" : "<not set>") + ", allowedHosts=" + allowedHosts
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout + "]";
    }
}
