package dev.replyflow.automation;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The name of a Date condition trigger, the signal start event {@code date:<field>:<match>:<offset>@<HH:mm>}:
 * the contact's DATE field, {@code yearly} (month and day, like birthdays) or {@code exact} (the date itself),
 * an ISO period added to the field's date to get the day it fires ({@code P0D}, {@code -P1D} one day before),
 * and the time of day from which it fires that day. Example: {@code date:appointment:exact:-P1D@18:00}.
 */
public record DateTriggerName(String name, String field, Match match, Period offset, LocalTime time) {

    public static final String PREFIX = "date:";

    /** The same rule as the names of dynamic fields (FieldController). */
    private static final Pattern FIELD = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
    private static final String FORM = "write it as date:<field>:<yearly|exact>:<offset>@<HH:mm>, "
            + "like date:birthday:yearly:P0D@09:00";

    public enum Match {
        /** The same month and day every year; 29 February on 28 February in years without it. */
        YEARLY,
        /** The same date. */
        EXACT
    }

    /** @throws IllegalArgumentException saying what is wrong with the name and how to write it */
    public static DateTriggerName parse(String name) {
        if (name == null || !name.startsWith(PREFIX)) {
            throw invalid(name, "it does not start with 'date:'");
        }
        if (name.length() > 300) {
            throw invalid(name, "it is longer than 300 characters");
        }
        int at = name.lastIndexOf('@');
        if (at < 0) {
            throw invalid(name, "the time of day is missing (@HH:mm at the end)");
        }
        String clock = name.substring(at + 1);
        if (!TIME.matcher(clock).matches()) {
            throw invalid(name, "'" + clock + "' is not a time of day HH:mm from 00:00 to 23:59");
        }
        String[] parts = name.substring(PREFIX.length(), at).split(":", -1);
        if (parts.length != 3) {
            throw invalid(name, "it needs exactly three parts before the @: field, match and offset");
        }
        String field = parts[0];
        if (!FIELD.matcher(field).matches()) {
            throw invalid(name, "'" + field + "' is not a field name (lower-case letters, digits and _)");
        }
        Match match;
        try {
            match = Match.valueOf(parts[1].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(name, "the match '" + parts[1] + "' is neither yearly nor exact");
        }
        if (!parts[1].equals(parts[1].toLowerCase(Locale.ROOT))) {
            throw invalid(name, "the match is written in lower case: yearly or exact");
        }
        Period offset;
        try {
            offset = Period.parse(parts[2]);
        } catch (DateTimeParseException e) {
            throw invalid(name, "the offset '" + parts[2] + "' is not an ISO period like P0D, P2D or -P1D");
        }
        if (match == Match.YEARLY && offset.getYears() != 0) {
            throw invalid(name, "a yearly match cannot have an offset in years");
        }
        return new DateTriggerName(name, field, match, offset, LocalTime.parse(clock));
    }

    /** @return whether this name is meant as a Date condition trigger (it may still be invalid) */
    public static boolean isDateTrigger(String name) {
        return name != null && name.startsWith(PREFIX);
    }

    private static IllegalArgumentException invalid(String name, String why) {
        return new IllegalArgumentException("Invalid date trigger '" + name + "': " + why + "; " + FORM);
    }

    /** @return whether it fires today from this time of day on (in the trigger's zone) */
    public boolean due(LocalTime now) {
        return !now.isBefore(time);
    }

    /** The field's date (or, yearly, its month and day) that fires on {@code today}: today minus the offset. */
    public LocalDate target(LocalDate today) {
        return today.minus(offset);
    }

    /** @return whether a contact whose field holds {@code value} is due on {@code today} */
    public boolean matches(LocalDate value, LocalDate today) {
        LocalDate target = target(today);
        if (match == Match.EXACT) {
            return value.equals(target);
        }
        MonthDay day = MonthDay.from(value);
        return day.equals(MonthDay.from(target)) || day.equals(LEAP_DAY) && leapDayCelebratedOn(target);
    }

    /**
     * The canonical texts (YYYY-MM-DD) a matching field value equals, or for yearly the SQL LIKE patterns it
     * matches: the SQL form of {@link #matches}.
     */
    public List<String> valuePatterns(LocalDate today) {
        LocalDate target = target(today);
        if (match == Match.EXACT) {
            return List.of(target.toString());
        }
        String monthDay = "%%-%02d-%02d".formatted(target.getMonthValue(), target.getDayOfMonth());
        return leapDayCelebratedOn(target) ? List.of(monthDay, "%-02-29") : List.of(monthDay);
    }

    private static final MonthDay LEAP_DAY = MonthDay.of(Month.FEBRUARY, 29);

    private static boolean leapDayCelebratedOn(LocalDate day) {
        return day.getMonth() == Month.FEBRUARY && day.getDayOfMonth() == 28 && !day.isLeapYear();
    }
}
