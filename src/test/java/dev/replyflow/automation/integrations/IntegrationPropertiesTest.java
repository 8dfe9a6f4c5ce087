package dev.replyflow.automation.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class IntegrationPropertiesTest {

    @Test
    void unsetPropertiesGetTheirDefaults() {
        var properties = new IntegrationProperties(null, null, null, null, null);

        assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.requestTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(properties.paypal().baseUrl()).isEqualTo("https://api-m.sandbox.paypal.com");
        assertThat(properties.emailchef().baseUrl()).isEqualTo("https://app.emailchef.com/apps/api/v1");
        assertThat(properties.emailchef().phoneField()).isEqualTo("phone");
        assertThat(properties.activecampaign().baseUrl()).isNull();
    }

    @Test
    void theKeysAnOperatorWritesBindAndNoneIsNeeded() {
        var properties = bind(Map.of(
                "replyflow.integrations.connect-timeout", "3s",
                "replyflow.integrations.activecampaign.base-url", "https://acme.api-us1.com",
                "replyflow.integrations.activecampaign.api-token", "t1",
                "replyflow.integrations.emailchef.consumer-key", "k",
                "replyflow.integrations.emailchef.consumer-secret", "s",
                "replyflow.integrations.emailchef.phone-field", "",
                "replyflow.integrations.paypal.base-url", "https://api-m.paypal.com",
                "replyflow.integrations.paypal.client-id", "id",
                "replyflow.integrations.paypal.client-secret", "secret"));

        assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(properties.activecampaign()).isEqualTo(new IntegrationProperties.ActiveCampaign("https://acme.api-us1.com", "t1"));
        assertThat(properties.emailchef().consumerSecret()).isEqualTo("s");
        assertThat(properties.emailchef().phoneField()).isEmpty();
        assertThat(properties.paypal()).isEqualTo(new IntegrationProperties.PayPal("https://api-m.paypal.com", "id", "secret"));

        var none = bind(Map.of());
        assertThat(none.paypal().clientId()).isNull();
        assertThat(none.requestTimeout()).isEqualTo(Duration.ofSeconds(15));
    }

    private static IntegrationProperties bind(Map<String, String> keys) {
        return new Binder(new MapConfigurationPropertySource(keys)).bindOrCreate("replyflow.integrations",
                IntegrationProperties.class);
    }

    @Test
    void trailingSlashesAreDropped() {
        assertThat(new IntegrationProperties.ActiveCampaign("https://acme.api-us1.com/ ", "t").baseUrl())
                .isEqualTo("https://acme.api-us1.com");
        assertThat(new IntegrationProperties.PayPal("https://api-m.paypal.com//", null, null).baseUrl())
                .isEqualTo("https://api-m.paypal.com");
    }

    @Test
    void secretsNeverShowInToString() {
        var properties = new IntegrationProperties(null, null,
                new IntegrationProperties.ActiveCampaign("https://acme.api-us1.com", "ac-secret-token"),
                new IntegrationProperties.Emailchef(null, "ec-key-secret", "ec-secret-secret", null),
                new IntegrationProperties.PayPal(null, "pp-id-secret", "pp-secret-secret"));

        assertThat(properties.toString()).doesNotContain("ac-secret-token", "ec-key-secret", "ec-secret-secret", "pp-id-secret",
                "pp-secret-secret").contains("<hidden>", "https://acme.api-us1.com", "https://api-m.sandbox.paypal.com");
        assertThat(new IntegrationProperties.PayPal(null, null, " ").toString()).contains("clientSecret=<not set>");
    }
}
