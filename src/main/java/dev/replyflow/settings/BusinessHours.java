package dev.replyflow.settings;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.replyflow.web.ApiException;

/**
 * When the business answers: opening ranges per weekday in a time zone, and holidays (a date like 2026-04-06,
 * or a day recurring every year like 12-25). Body of PUT /api/settings/business-hours.
 */
public record BusinessHours(String zone, Map<String, List<List<String>>> week, List<String> holidays) {

    /** Never configured: always open, no holidays. */
    public static final BusinessHours ALWAYS_OPEN = new BusinessHours("UTC", null, List.of());

    private record Range(LocalTime from, LocalTime to) {
    }

    /** @throws ApiException naming the field at fault */
    public BusinessHours validated() {
        zoneId();
        ranges();
        for (int i = 0; i < holidays().size(); i++) {
            parseHoliday(holidays().get(i), "holidays[" + i + "]");
        }
        return this;
    }

    @Override
    public List<String> holidays() {
        return holidays == null ? List.of() : holidays;
    }

    public boolean alwaysOpen() {
        return week == null;
    }

    public boolean isHoliday(Instant at) {
        LocalDate day = at.atZone(zoneId()).toLocalDate();
        for (int i = 0; i < holidays().size(); i++) {
            Object holiday = parseHoliday(holidays().get(i), "holidays[" + i + "]");
            if (holiday.equals(day) || holiday.equals(MonthDay.from(day))) {
                return true;
            }
        }
        return false;
    }

    public boolean isOpen(Instant at) {
        if (alwaysOpen()) {
            return !isHoliday(at);
        }
        ZonedDateTime local = at.atZone(zoneId());
        if (isHoliday(at)) {
            return false;
        }
        LocalTime time = local.toLocalTime();
        return ranges().getOrDefault(local.getDayOfWeek(), List.of()).stream()
                .anyMatch(r -> !time.isBefore(r.from()) && time.isBefore(r.to()));
    }

    /** {@code at} when open, else the start of the next opening range (within 366 days; else {@code at}). */
    public Instant nextOpening(Instant at) {
        if (isOpen(at)) {
            return at;
        }
        ZonedDateTime local = at.atZone(zoneId());
        Map<DayOfWeek, List<Range>> ranges = ranges();
        for (int days = 0; days <= 366; days++) {
            LocalDate day = local.toLocalDate().plusDays(days);
            for (Range range : ranges.getOrDefault(day.getDayOfWeek(), List.of())) {
                Instant start = day.atTime(range.from()).atZone(zoneId()).toInstant();
                if (start.isAfter(at) && !isHoliday(start)) {
                    return start;
                }
            }
        }
        return at;
    }

    private ZoneId zoneId() {
        try {
            return ZoneId.of(zone == null ? "" : zone);
        } catch (RuntimeException e) {
            throw ApiException.invalid("zone", "'" + zone + "' is not a time zone like Europe/Rome");
        }
    }

    private Map<DayOfWeek, List<Range>> ranges() {
        Map<DayOfWeek, List<Range>> ranges = new EnumMap<>(DayOfWeek.class);
        if (week == null) {
            return ranges;
        }
        week.forEach((dayName, list) -> {
            DayOfWeek day;
            try {
                day = DayOfWeek.valueOf(dayName.toUpperCase());
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("week." + dayName, "'" + dayName + "' is not a day like MONDAY");
            }
            List<Range> parsed = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                String field = "week." + dayName + "[" + i + "]";
                List<String> pair = list.get(i);
                if (pair == null || pair.size() != 2) {
                    throw ApiException.invalid(field, "A range is [\"09:00\",\"13:00\"]");
                }
                Range range;
                try {
                    range = new Range(LocalTime.parse(pair.get(0)), LocalTime.parse(pair.get(1)));
                } catch (DateTimeParseException e) {
                    throw ApiException.invalid(field, "Times are HH:mm, like 09:00");
                }
                if (!range.from().isBefore(range.to())) {
                    throw ApiException.invalid(field, "A range must end after it starts");
                }
                for (Range other : parsed) {
                    if (range.from().isBefore(other.to()) && other.from().isBefore(range.to())) {
                        throw ApiException.invalid(field, "Ranges of one day must not overlap");
                    }
                }
                parsed.add(range);
            }
            parsed.sort((a, b) -> a.from().compareTo(b.from()));
            ranges.put(day, parsed);
        });
        return ranges;
    }

    private static Object parseHoliday(String text, String field) {
        try {
            return text != null && text.length() == 5 ? MonthDay.parse("--" + text) : LocalDate.parse(text);
        } catch (DateTimeParseException | NullPointerException e) {
            throw ApiException.invalid(field, "A holiday is a date (2026-04-06) or a yearly day (12-25)");
        }
    }
}
