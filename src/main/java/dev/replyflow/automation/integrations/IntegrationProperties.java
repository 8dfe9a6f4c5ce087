package dev.replyflow.automation.integrations;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where and as whom the integration steps call ActiveCampaign, Emailchef and PayPal
 * ({@code replyflow.integrations.*}). Nothing is required at start-up: a step whose service is not configured
 * fails with the BPMN error {@code integration-failed} naming the missing key, so an installation that never
 * uses PayPal needs no PayPal keys.
 */
@ConfigurationProperties(prefix = "replyflow.integrations")
public record IntegrationProperties(Duration connectTimeout, Duration requestTimeout, ActiveCampaign activecampaign,
        Emailchef emailchef, PayPal paypal) {

    public static final String PREFIX = "replyflow.integrations.";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(15);

    public IntegrationProperties {
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
        activecampaign = activecampaign == null ? new ActiveCampaign(null, null) : activecampaign;
        emailchef = emailchef == null ? new Emailchef(null, null, null, null) : emailchef;
        paypal = paypal == null ? new PayPal(null, null, null) : paypal;
    }

    /**
     * ActiveCampaign API v3. {@code base-url} is the account's own API URL (Settings → Developer, e.g.
     * https://myaccount.api-us1.com), so it has no default.
     */
    public record ActiveCampaign(String baseUrl, String apiToken) {

        public ActiveCampaign {
            baseUrl = withoutTrailingSlash(baseUrl);
        }

        @Override
        public String toString() {
            return "ActiveCampaign[baseUrl=" + baseUrl + ", apiToken=" + hidden(apiToken) + "]";
        }
    }

    /**
     * Emailchef's REST API, authenticated with the account's API key pair (headers {@code consumerKey} and
     * {@code consumerSecret}, as Emailchef's own plugins send them). {@code phone-field} is the place holder
     * of the list's custom field that receives the contact's phone; blank sends no phone.
     */
    public record Emailchef(String baseUrl, String consumerKey, String consumerSecret, String phoneField) {

        public static final String DEFAULT_BASE_URL = "https://app.emailchef.com/apps/api/v1";
        public static final String DEFAULT_PHONE_FIELD = "phone";

        public Emailchef {
            baseUrl = baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : withoutTrailingSlash(baseUrl);
            phoneField = phoneField == null ? DEFAULT_PHONE_FIELD : phoneField.strip();
        }

        @Override
        public String toString() {
            return "Emailchef[baseUrl=" + baseUrl + ", consumerKey=" + hidden(consumerKey) + ", consumerSecret="
                    + hidden(consumerSecret) + ", phoneField=" + phoneField + "]";
        }
    }

    /** PayPal REST API; the default base URL is the sandbox, so a live account has to be chosen explicitly. */
    public record PayPal(String baseUrl, String clientId, String clientSecret) {

        public static final String DEFAULT_BASE_URL = "https://api-m.sandbox.paypal.com";

        public PayPal {
            baseUrl = baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : withoutTrailingSlash(baseUrl);
        }

        @Override
        public String toString() {
            return "PayPal[baseUrl=" + baseUrl + ", clientId=" + hidden(clientId) + ", clientSecret=" + hidden(clientSecret)
                    + "]";
        }
    }

    /** A key that is not set, as the step reports it: the analyst or operator sees which property to add. */
    static String require(String value, String key, String service) {
        if (value == null || value.isBlank()) {
            throw new IntegrationRejectedException(service + " is not configured: set " + PREFIX + key);
        }
        return value.strip();
    }

    private static String withoutTrailingSlash(String url) {
        return url == null || url.isBlank() ? null : url.strip().replaceAll("/+$", "");
    }

    private static String hidden(String secret) {
        return secret == null || secret.isBlank() ? "<not set>" : "<hidden>";
    }
}
