package dev.replyflow.automation.voice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** replyflow.voice.*: defaults, the keys a call needs, and a toString that hides the token. */
class VoicePropertiesTest {

    @Test
    void missingSettingsAreNamedAndTheTokenNeverPrinted() {
        VoiceProperties none = new VoiceProperties(null, null, " ", null, null, null, null);
        assertThat(none.missingSettings()).containsExactly("replyflow.voice.account-sid", "replyflow.voice.auth-token",
                "replyflow.voice.from");
        assertThat(none.baseUrl()).isEqualTo("https://api.twilio.com");
        assertThat(none.requestTimeout()).hasSeconds(15);

        VoiceProperties set = new VoiceProperties("https://api.twilio.com/", "AC1", "secret-token", "+39021", null, null, null);
        assertThat(set.missingSettings()).isEmpty();
        assertThat(set.baseUrl()).isEqualTo("https://api.twilio.com");
        assertThat(set.toString()).doesNotContain("secret-token").contains("authToken=<hidden>");
    }
}
