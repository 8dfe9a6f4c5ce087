package dev.replyflow.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.replyflow.web.ApiException;

class BusinessHoursTest {

    /** Rome: weekdays 09–13 and 14–18, Saturday morning; Christmas every year and Easter Monday 2026. */
    private final BusinessHours rome = new BusinessHours("Europe/Rome", Map.of(
            "MONDAY", List.of(List.of("09:00", "13:00"), List.of("14:00", "18:00")),
            "TUESDAY", List.of(List.of("09:00", "13:00"), List.of("14:00", "18:00")),
            "FRIDAY", List.of(List.of("09:00", "13:00"), List.of("14:00", "18:00")),
            "SATURDAY", List.of(List.of("09:00", "12:00"))), List.of("12-25", "2026-04-06")).validated();

    @Test
    void openInsideARangeClosedAtLunchAtNightAndOnHolidays() {
        assertThat(rome.isOpen(Instant.parse("2026-11-23T09:30:00Z"))).isTrue();   // Monday 10:30 in Rome
        assertThat(rome.isOpen(Instant.parse("2026-11-23T12:30:00Z"))).isFalse();  // 13:30, lunch
        assertThat(rome.isOpen(Instant.parse("2026-11-23T21:00:00Z"))).isFalse();  // 22:00
        assertThat(rome.isOpen(Instant.parse("2026-12-25T09:30:00Z"))).isFalse();  // Christmas, a Friday
        assertThat(rome.isHoliday(Instant.parse("2026-04-06T10:00:00Z"))).isTrue();
        assertThat(rome.isHoliday(Instant.parse("2027-04-06T10:00:00Z"))).isFalse();
    }

    @Test
    void theNextOpeningSkipsClosedDaysAndHolidays() {
        // Saturday 13:00 in Rome → Monday 09:00
        assertThat(rome.nextOpening(Instant.parse("2026-11-28T12:00:00Z"))).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
        // Monday lunch → 14:00 the same day
        assertThat(rome.nextOpening(Instant.parse("2026-11-23T12:30:00Z"))).isEqualTo(Instant.parse("2026-11-23T13:00:00Z"));
        // Thursday 24 December evening → Christmas (Friday) is a holiday → Saturday 26th 09:00
        assertThat(rome.nextOpening(Instant.parse("2026-12-24T19:00:00Z"))).isEqualTo(Instant.parse("2026-12-26T08:00:00Z"));
        Instant open = Instant.parse("2026-11-23T09:30:00Z");
        assertThat(rome.nextOpening(open)).isEqualTo(open);
    }

    @Test
    void badSettingsNameTheField() {
        assertThatThrownBy(() -> new BusinessHours("Mars/Olympus", null, null).validated())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("zone"));
        assertThatThrownBy(() -> new BusinessHours("Europe/Rome", Map.of("MONDAY", List.of(List.of("18:00", "09:00"))), null).validated())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("week.MONDAY[0]"));
        assertThatThrownBy(() -> new BusinessHours("Europe/Rome", Map.of("FUNDAY", List.of()), null).validated())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("week.FUNDAY"));
        assertThatThrownBy(() -> new BusinessHours("Europe/Rome", null, List.of("25/12")).validated())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("holidays[0]"));
    }
}
