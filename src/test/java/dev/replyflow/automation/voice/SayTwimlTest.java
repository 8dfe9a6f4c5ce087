package dev.replyflow.automation.voice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The spoken text and its language, as Twilio's {@code <Say>} needs them. */
class SayTwimlTest {

    @Test
    void theTextIsEscapedAndTheAttributesOnlyWhenGiven() {
        assertThat(SayTwiml.say("Tom & Jerry's <b>\"shop\"</b>", null, null))
                .isEqualTo("<Response><Say>Tom &amp; Jerry&apos;s &lt;b&gt;&quot;shop&quot;&lt;/b&gt;</Say></Response>");
        assertThat(SayTwiml.say("Ciao", "it-IT", "Polly.Bianca"))
                .isEqualTo("<Response><Say language=\"it-IT\" voice=\"Polly.Bianca\">Ciao</Say></Response>");
        assertThat(SayTwiml.say("x", "en-US", "\"><Hangup/>")).contains("voice=\"&quot;&gt;&lt;Hangup/&gt;\"");
    }

    @Test
    void charactersXmlForbidsAreDroppedAndOthersKept() {
        assertThat(SayTwiml.escape("a\u0000b\u0007c\td\ne è 😀 \uFFFE")).isEqualTo("abc\td\ne è 😀 ");
    }

    @Test
    void theStepsLanguageWinsThenTheContactsGetsARegion() {
        assertThat(SayLanguage.of("en-GB", "it")).isEqualTo("en-GB");
        assertThat(SayLanguage.of("  ", "it")).isEqualTo("it-IT");
        assertThat(SayLanguage.of(null, "pt_BR")).isEqualTo("pt-BR");
        assertThat(SayLanguage.of(null, "en")).isEqualTo("en-US");
        assertThat(SayLanguage.of(null, "de")).isEqualTo("de-DE");
        assertThat(SayLanguage.of("es_mx", null)).isEqualTo("es-MX");
        assertThat(SayLanguage.of("cmn-CN", null)).isEqualTo("cmn-CN");
        assertThat(SayLanguage.of(null, null)).isNull();
    }
}
