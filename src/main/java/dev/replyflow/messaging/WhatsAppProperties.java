package dev.replyflow.messaging;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * replyflow.whatsapp: the provider (sandbox | cloud-api), the webhook's verify token and app secret, the
 * marketing-consent policy and the STOP-like keywords (per language) that revoke marketing consent.
 */
@ConfigurationProperties(prefix = "replyflow.whatsapp")
public record WhatsAppProperties(String provider, String verifyToken, String appSecret, Boolean marketingRequiresConsent,
        Map<String, List<String>> stopKeywords) {

    public WhatsAppProperties {
        provider = provider == null ? "sandbox" : provider;
        marketingRequiresConsent = marketingRequiresConsent == null || marketingRequiresConsent;
        stopKeywords = stopKeywords == null ? Map.of() : stopKeywords;
    }
}
