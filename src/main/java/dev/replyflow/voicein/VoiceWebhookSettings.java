package dev.replyflow.voicein;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.replyflow.automation.voice.VoiceProperties;

/**
 * What the Twilio voice webhook is verified with: the account's auth token (replyflow.voice.auth-token) and, when
 * Replyflow runs behind a proxy, the public URL Twilio was given (replyflow.voice.webhook-url). Tests replace them
 * without a new context.
 */
@Component
public class VoiceWebhookSettings {

    private volatile String authToken;
    private volatile String webhookUrl;

    public VoiceWebhookSettings(VoiceProperties properties, @Value("${replyflow.voice.webhook-url:}") String webhookUrl) {
        this.authToken = properties.authToken();
        this.webhookUrl = webhookUrl;
    }

    /** @return the Twilio auth token, null when not configured */
    public String authToken() {
        String token = authToken;
        return token == null || token.isBlank() ? null : token.strip();
    }

    /** @return the full URL Twilio calls, null to rebuild it from the request */
    public String webhookUrl() {
        String url = webhookUrl;
        return url == null || url.isBlank() ? null : url.strip();
    }

    /** For tests only. */
    void set(String authToken, String webhookUrl) {
        this.authToken = authToken;
        this.webhookUrl = webhookUrl;
    }

    @Override
    public String toString() {
        return "VoiceWebhookSettings[authToken=" + (authToken() == null ? "<not set>" : "<hidden>") + ", webhookUrl="
                + webhookUrl() + "]";
    }
}
