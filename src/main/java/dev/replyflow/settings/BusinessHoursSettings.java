package dev.replyflow.settings;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Stores and reads the business hours (the setting named business-hours). */
@Service
public class BusinessHoursSettings {

    private static final String NAME = "business-hours";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public BusinessHoursSettings(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public BusinessHours current() {
        List<String> stored = jdbc.queryForList("select setting_value from setting where name = ?", String.class, NAME);
        if (stored.isEmpty()) {
            return BusinessHours.ALWAYS_OPEN;
        }
        try {
            return json.readValue(stored.get(0), BusinessHours.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The stored business hours are unreadable", e);
        }
    }

    @Transactional
    public BusinessHours replace(BusinessHours hours) {
        hours.validated();
        String value;
        try {
            value = json.writeValueAsString(hours);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        if (jdbc.update("update setting set setting_value = ?, updated_at = ? where name = ?", value, now, NAME) == 0) {
            jdbc.update("insert into setting (name, setting_value, updated_at) values (?, ?, ?)", NAME, value, now);
        }
        return hours;
    }
}
