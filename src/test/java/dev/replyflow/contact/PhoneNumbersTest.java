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
        assertThat(italy.toE164("+44 20 7946 0958")).isEqualTo("+442079460958");
        assertThat(new PhoneNumbers("GB").toE164("020 7946 0958")).isEqualTo("+442079460958");
        assertThat(italy.regionOf("+442079460958")).isEqualTo("GB");
        assertThat(italy.regionOf("+393331234567")).isEqualTo("IT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "hello", "+39 333", "+999 1234567"})
    void invalidNumbersAreRefusedWithTheValueInTheReason(String written) {
        assertThatThrownBy(() -> italy.toE164(written)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(written.strip());
    }

    @Test
    void aNationalNumberIsReadInTheGivenRegionAndAnInternationalOneAnywhere() {
        assertThat(italy.toE164("(201) 555-0123", "US")).isEqualTo("+12015550123");
        assertThat(italy.toE164("+39 333 123 4567", "US")).isEqualTo("+393331234567");
        assertThat(italy.toE164("333 123 4567", null)).isEqualTo("+393331234567");
        assertThatThrownBy(() -> italy.toE164("333 123 4567", "US")).hasMessageContaining("US");
    }

    @Test
    void aNumberReadBeforeIsReadAlikeAndAnInvalidOneIsRefusedEveryTime() {
        assertThat(italy.toE164("333 123 4567")).isEqualTo("+393331234567");
        assertThat(italy.toE164("333 123 4567")).isEqualTo("+393331234567");
        assertThatThrownBy(() -> italy.toE164("333 123 4567", "US")).hasMessageContaining("US"); // read in US, not IT
        assertThatThrownBy(() -> italy.toE164("12345")).hasMessageContaining("12345");
        assertThatThrownBy(() -> italy.toE164("12345")).hasMessageContaining("12345");
    }

    @Test
    void theNumbersRememberedNeverPassTheirBound() {
        for (int i = 0; i <= PhoneNumbers.REMEMBERED; i++) {
            assertThat(italy.toE164("+39 333 " + (1_000_000 + i))).isEqualTo("+39333" + (1_000_000 + i));
        }
        assertThat(italy.remembered()).isBetween(1, PhoneNumbers.REMEMBERED);
    }

    @Test
    void anUnknownDefaultRegionStopsStartUp() {
        assertThatThrownBy(() -> new PhoneNumbers("XX")).hasMessageContaining("replyflow.contacts.default-region");
    }
}
