package dev.replyflow.settings;

import java.time.Clock;
import java.util.Date;

import org.springframework.stereotype.Component;

/**
 * ${businessHours.open}, ${businessHours.holiday} for If / Else, and ${businessHours.nextOpening()} as a
 * timer's timeDate: Delay until the next opening time.
 */
@Component("businessHours")
public class BusinessHoursConditions {

    private final BusinessHoursSettings settings;
    private final Clock clock;

    public BusinessHoursConditions(BusinessHoursSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public boolean isOpen() {
        return settings.current().isOpen(clock.instant());
    }

    public boolean isHoliday() {
        return settings.current().isHoliday(clock.instant());
    }

    public Date nextOpening() {
        return Date.from(settings.current().nextOpening(clock.instant()));
    }
}
