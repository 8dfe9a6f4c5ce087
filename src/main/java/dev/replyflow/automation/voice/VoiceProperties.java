package dev.replyflow.automation.voice;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Twilio account the Voice Call step calls with ({@code replyflow.voice.*}). Nothing is required at start-up:
 * without an account the step takes its call-failed path, naming the missing keys.
 */
@ConfigurationProperties(prefix = "replyflow.voice")
public record VoiceProperties(String baseUrl, String accountSid, String authToken, String from,
        String statusCallbackUrl, Duration connectTimeout, Duration requestTimeout) {

    public static final String PREFIX = "replyflow.voice.";
    public static final String DEFAULT_BASE_URL = "https://api.twilio.com";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(15);

    public VoiceProperties {
        baseUrl = blankToNull(baseUrl) == null ? DEFAULT_BASE_URL : baseUrl.strip();
        // a trailing slash would give "//2010-04-01/…", which Twilio answers with 404
        baseUrl = baseUrl.replaceAll("/+$", "");
        accountSid = blankToNull(accountSid);
        authToken = blankToNull(authToken);
        from = blankToNull(from);
        statusCallbackUrl = blankToNull(statusCallbackUrl);
        if (connectTimeout == null) {
            connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        }
        if (requestTimeout == null) {
            requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        }
    }

    /** The keys that must be set before a call can be made, empty when calls are configured. */
    public List<String> missingSettings() {
        List<String> missing = new ArrayList<>();
        if (accountSid == null) {
            missing.add(PREFIX + "account-sid");
        }
        if (authToken == null) {
            missing.add(PREFIX + "auth-token");
        }
        if (from == null) {
            missing.add(PREFIX + "from");
        }
        return missing;
    }

    /** The record's own toString would print the auth token into any log that prints the configuration. */
    @Override
    public String toString() {
        return "VoiceProperties[baseUrl=" + baseUrl + ", accountSid=" + accountSid + ", authToken="
                + (authToken == null ? "<not set>" : "<hidden>") + ", from=" + from + ", statusCallbackUrl="
                + statusCallbackUrl + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
