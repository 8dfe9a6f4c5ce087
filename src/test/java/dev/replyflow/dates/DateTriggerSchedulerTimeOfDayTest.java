package dev.replyflow.dates;

import dev.replyflow.automation.DateTriggerName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.PlatformTransactionManager;

import dev.replyflow.automation.Triggers;

/** Which triggers the scheduler considers, by time of day in its zone: no database, no engine. */
class DateTriggerSchedulerTimeOfDayTest {

    private static final ZoneId ROME = ZoneId.of("Europe/Rome");

    private final RuntimeService runtime = mock(RuntimeService.class, RETURNS_DEEP_STUBS);
    private final Triggers triggers = mock(Triggers.class);
    private final JdbcTemplate jdbc = mock(JdbcTemplate.class);
    private final PlatformTransactionManager transactions = mock(PlatformTransactionManager.class);

    private DateTriggerScheduler at(ZonedDateTime now, String... signalNames) {
        List<EventSubscription> subscriptions = new java.util.ArrayList<>();
        for (String name : signalNames) {
            EventSubscription start = mock(EventSubscription.class);
            when(start.getEventName()).thenReturn(name);
            when(start.getExecutionId()).thenReturn(null);
            subscriptions.add(start);
        }
        EventSubscription waiting = mock(EventSubscription.class); // an intermediate catch event: not a trigger
        when(waiting.getEventName()).thenReturn("date:waiting:exact:P0D@00:00");
        when(waiting.getExecutionId()).thenReturn("execution-1");
        subscriptions.add(waiting);
        when(runtime.createEventSubscriptionQuery().eventType("signal").list()).thenReturn(subscriptions);
        return new DateTriggerScheduler(runtime, triggers, jdbc, transactions,
                Clock.fixed(now.toInstant(), ROME), "Europe/Rome");
    }

    @Test
    void beforeItsTimeOfDayATriggerLooksForNoContact() {
        // 08:59 in Rome is 07:59 UTC in winter: the zone is Rome's, not the clock's UTC
        DateTriggerScheduler scheduler = at(ZonedDateTime.of(2026, 1, 15, 8, 59, 0, 0, ROME), "date:birthday:yearly:P0D@09:00");

        assertThat(scheduler.runNow()).isZero();

        verifyNoInteractions(jdbc, triggers);
    }

    @Test
    @SuppressWarnings("unchecked")
    void fromItsTimeOfDayATriggerLooksForItsContacts() {
        DateTriggerScheduler scheduler = at(ZonedDateTime.of(2026, 1, 15, 9, 0, 0, 0, ROME),
                "date:birthday:yearly:P0D@09:00", "date:late:yearly:P0D@21:00", "date:broken@09:00");
        when(jdbc.query(anyString(), any(RowMapper.class), any(Object[].class))).thenReturn(List.of());

        assertThat(scheduler.activeTriggers()).extracting(DateTriggerName::field).containsExactly("birthday", "late");
        assertThat(scheduler.runNow()).isZero();

        verify(jdbc).query(anyString(), any(RowMapper.class), any(Object[].class));
        verifyNoInteractions(triggers);
    }
}
