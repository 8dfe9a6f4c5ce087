package dev.replyflow.messaging.cloudapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Defaults, fail-fast checks and keeping the access token out of logs. */
class CloudApiConfigurationTest {

    @Test
    void defaultsApplyWhenNothingIsConfigured() {
        CloudApiProperties properties = new CloudApiProperties(null, "1065", "token", null, null);

        assertThat(properties.baseUrl()).isEqualTo("https://graph.facebook.com/v21.0");
        assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.requestTimeout()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void aTrailingSlashOnTheBaseUrlIsIgnored() {
        assertThat(new CloudApiProperties("https://graph.facebook.com/v22.0/", "1065", "t", null, null).baseUrl())
                .isEqualTo("https://graph.facebook.com/v22.0");
    }

    @Test
    void aMissingPhoneNumberIdFailsAtStartUp() {
        assertThatThrownBy(() -> new CloudApiGateway(new CloudApiProperties(null, " ", "token", null, null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("replyflow.whatsapp.cloud-api.phone-number-id");
    }

    @Test
    void aMissingAccessTokenFailsAtStartUp() {
        assertThatThrownBy(() -> new CloudApiGateway(new CloudApiProperties(null, "1065", null, null, null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("replyflow.whatsapp.cloud-api.access-token");
    }

    @Test
    void theAccessTokenNeverAppearsWhenThePropertiesArePrinted() {
        String printed = new CloudApiProperties(null, "1065", "EAAG-secret-token", null, null).toString();

        assertThat(printed).doesNotContain("EAAG-secret-token").contains("1065", "<hidden>");
    }
}
