package dev.replyflow.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

    private final PhoneNumbers italy = new PhoneNumbers("IT");

    @ParameterizedTest
    @ValueSource(strings = {"333 123 4567", "+39 333 1234567", "0039 333 123 4567", "+39-333-123-4567", " 3331234567 "})
    void everyWayOfWritingAnItalianMobileGivesOneE164(String written) {
        assertThat(italy.toE164(written)).isEqualTo("+393331234567");
    }

    @Test
    void aForeignNumberKeepsItsCountryAndAnotherDefaultRegionReadsLocalNumbersThere() {
        assertThat(italy.toE164("+44 7911 123456")).isEqualTo("+447911123456");
        assertThat(new PhoneNumbers("GB").toE164("07911 123456")).isEqualTo("+447911123456");
        assertThat(italy.regionOf("+447911123456")).isEqualTo("GB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "hello", "+39 333", "+999 1234567"})
    void invalidNumbersAreRefusedWithTheValueInTheReason(String written) {
        assertThatThrownBy(() -> italy.toE164(written)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(written.strip());
    }

    @Test
    void anUnknownDefaultRegionStopsStartUp() {
        assertThatThrownBy(() -> new PhoneNumbers("XX")).hasMessageContaining("replyflow.contacts.default-region");
    }
}
