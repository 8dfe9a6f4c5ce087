package dev.replyflow.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.replyflow.automation.DateTriggerName.Match;

class DateTriggerNameTest {

    @Test
    void parsesTheFieldMatchOffsetAndTimeOfDay() {
        DateTriggerName birthday = DateTriggerName.parse("date:birthday:yearly:P0D@09:00");
        assertThat(birthday.field()).isEqualTo("birthday");
        assertThat(birthday.match()).isEqualTo(Match.YEARLY);
        assertThat(birthday.offset()).isEqualTo(Period.ZERO);
        assertThat(birthday.time()).isEqualTo(LocalTime.of(9, 0));
        assertThat(birthday.name()).isEqualTo("date:birthday:yearly:P0D@09:00");

        DateTriggerName reminder = DateTriggerName.parse("date:appointment_date:exact:-P1D@18:30");
        assertThat(reminder.field()).isEqualTo("appointment_date");
        assertThat(reminder.match()).isEqualTo(Match.EXACT);
        assertThat(reminder.offset()).isEqualTo(Period.ofDays(-1));
        assertThat(reminder.time()).isEqualTo(LocalTime.of(18, 30));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "birthday:yearly:P0D@09:00|does not start with 'date:'",
            "date:birthday:yearly:P0D|time of day is missing",
            "date:birthday:yearly:P0D@9:00|'9:00' is not a time of day",
            "date:birthday:yearly:P0D@24:00|'24:00' is not a time of day",
            "date:birthday:yearly@09:00|three parts",
            "date:birthday:yearly:P0D:x@09:00|three parts",
            "date:Birthday:yearly:P0D@09:00|'Birthday' is not a field name",
            "date::yearly:P0D@09:00|'' is not a field name",
            "date:birthday:monthly:P0D@09:00|'monthly' is neither yearly nor exact",
            "date:birthday:YEARLY:P0D@09:00|lower case",
            "date:birthday:yearly:1 day@09:00|'1 day' is not an ISO period",
            "date:birthday:yearly:P1Y@09:00|offset in years"})
    void refusesAMalformedNameSayingWhatIsWrong(String name, String why) {
        assertThatThrownBy(() -> DateTriggerName.parse(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid date trigger '" + name + "'").hasMessageContaining(why)
                .hasMessageContaining("date:birthday:yearly:P0D@09:00");
    }

    @Test
    void yearlyMatchesTheMonthAndDayOfAnyYear() {
        DateTriggerName birthday = DateTriggerName.parse("date:birthday:yearly:P0D@09:00");
        LocalDate today = LocalDate.of(2026, 5, 3);
        assertThat(birthday.matches(LocalDate.of(1980, 5, 3), today)).isTrue();
        assertThat(birthday.matches(LocalDate.of(2026, 5, 3), today)).isTrue();
        assertThat(birthday.matches(LocalDate.of(1980, 5, 4), today)).isFalse();
        assertThat(birthday.matches(LocalDate.of(1980, 6, 3), today)).isFalse();
        assertThat(birthday.valuePatterns(today)).containsExactly("%-05-03");
    }

    @Test
    void exactMatchesTheDateItself() {
        DateTriggerName appointment = DateTriggerName.parse("date:appointment:exact:P0D@08:00");
        LocalDate today = LocalDate.of(2026, 5, 3);
        assertThat(appointment.matches(LocalDate.of(2026, 5, 3), today)).isTrue();
        assertThat(appointment.matches(LocalDate.of(2025, 5, 3), today)).isFalse();
        assertThat(appointment.valuePatterns(today)).containsExactly("2026-05-03");
    }

    @Test
    void aNegativeOffsetFiresTheDayBefore() {
        DateTriggerName reminder = DateTriggerName.parse("date:appointment:exact:-P1D@18:00");
        LocalDate today = LocalDate.of(2026, 12, 31);
        assertThat(reminder.target(today)).isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(reminder.matches(LocalDate.of(2027, 1, 1), today)).isTrue();
        assertThat(reminder.matches(LocalDate.of(2026, 12, 31), today)).isFalse();
        assertThat(reminder.valuePatterns(today)).containsExactly("2027-01-01");

        DateTriggerName dayAfter = DateTriggerName.parse("date:birthday:yearly:P1D@10:00");
        assertThat(dayAfter.matches(LocalDate.of(1990, 3, 1), LocalDate.of(2026, 3, 2))).isTrue();
        assertThat(dayAfter.matches(LocalDate.of(1990, 3, 2), LocalDate.of(2026, 3, 2))).isFalse();
    }

    @Test
    void leapDayBirthdaysAreCelebratedOnTheTwentyEighthOfFebruaryInOtherYears() {
        DateTriggerName birthday = DateTriggerName.parse("date:birthday:yearly:P0D@09:00");
        LocalDate leapDay = LocalDate.of(1992, 2, 29);

        assertThat(birthday.matches(leapDay, LocalDate.of(2026, 2, 28))).isTrue();
        assertThat(birthday.matches(LocalDate.of(1990, 2, 28), LocalDate.of(2026, 2, 28))).isTrue();
        assertThat(birthday.valuePatterns(LocalDate.of(2026, 2, 28))).containsExactly("%-02-28", "%-02-29");
        assertThat(birthday.matches(leapDay, LocalDate.of(2026, 3, 1))).isFalse();

        assertThat(birthday.matches(leapDay, LocalDate.of(2028, 2, 28))).isFalse();
        assertThat(birthday.matches(leapDay, LocalDate.of(2028, 2, 29))).isTrue();
        assertThat(birthday.valuePatterns(LocalDate.of(2028, 2, 28))).containsExactly("%-02-28");

        DateTriggerName dayBefore = DateTriggerName.parse("date:birthday:yearly:-P1D@09:00");
        assertThat(dayBefore.matches(leapDay, LocalDate.of(2027, 2, 27))).isTrue();
        assertThat(dayBefore.valuePatterns(LocalDate.of(2027, 2, 27))).containsExactly("%-02-28", "%-02-29");
    }

    @Test
    void itFiresOnlyOnceTheTimeOfDayIsReached() {
        DateTriggerName birthday = DateTriggerName.parse("date:birthday:yearly:P0D@09:00");
        assertThat(birthday.due(LocalTime.of(8, 59, 59))).isFalse();
        assertThat(birthday.due(LocalTime.of(9, 0))).isTrue();
        assertThat(birthday.due(LocalTime.of(23, 59))).isTrue();
        assertThat(DateTriggerName.parse("date:birthday:yearly:P0D@00:00").due(LocalTime.MIDNIGHT)).isTrue();
    }

    @Test
    void onlyNamesStartingWithDateAreDateTriggers() {
        assertThat(List.of("date:x", "list-added:x", "").stream().filter(DateTriggerName::isDateTrigger)).containsExactly("date:x");
        assertThat(DateTriggerName.isDateTrigger(null)).isFalse();
    }
}
