package dev.replyflow.dates;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.replyflow.automation.DateTriggerName;
import dev.replyflow.automation.Triggers;

/**
 * The Date condition trigger: every {@code replyflow.dates.check-interval} (default 60 s), for each signal start
 * event named {@code date:…} whose time of day has passed today (platform clock, zone {@code replyflow.dates.zone}),
 * starts its automations for each contact whose DATE field matches and that it did not fire for yet today.
 * The row of date_trigger_fired is inserted in the transaction that starts the automations: once per contact,
 * trigger and date, across restarts and nodes (a node that finds the row skips the contact).
 */
@Component
public class DateTriggerScheduler {

    private static final Logger log = LoggerFactory.getLogger(DateTriggerScheduler.class);

    private final RuntimeService runtime;
    private final Triggers triggers;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate perContact;
    private final Clock clock;
    private final ZoneId zone;
    /** Invalid names already logged, so that the log says it once, not every minute. */
    private final Set<String> reportedInvalid = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public DateTriggerScheduler(RuntimeService runtime, Triggers triggers, JdbcTemplate jdbc,
            PlatformTransactionManager transactions, Clock clock,
            @Value("${replyflow.dates.zone:Europe/Rome}") String zone) {
        this.runtime = runtime;
        this.triggers = triggers;
        this.jdbc = jdbc;
        // one short transaction per contact: its callers (the schedule, the sandbox clock) hold none
        this.perContact = new TransactionTemplate(transactions);
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    @Scheduled(initialDelayString = "${replyflow.dates.check-interval:60s}",
            fixedDelayString = "${replyflow.dates.check-interval:60s}")
    public void scheduled() {
        try {
            runNow();
        } catch (RuntimeException e) {
            log.warn("Date triggers check failed, next check retries: {}", e.toString(), e);
        }
    }

    /**
     * Checks the date triggers now (also after the sandbox moved the clock).
     *
     * @return how many contacts it fired for in this run
     */
    public synchronized int runNow() {
        ZonedDateTime now = clock.instant().atZone(zone);
        LocalDate today = now.toLocalDate();
        int fired = 0;
        for (DateTriggerName trigger : activeTriggers()) {
            if (trigger.due(now.toLocalTime())) {
                fired += fire(trigger, today);
            }
        }
        return fired;
    }

    /** The valid names of the signal start events (subscriptions without execution) starting with date:. */
    List<DateTriggerName> activeTriggers() {
        Set<String> names = new TreeSet<>();
        for (EventSubscription subscription : runtime.createEventSubscriptionQuery().eventType("signal").list()) {
            if (subscription.getExecutionId() == null && DateTriggerName.isDateTrigger(subscription.getEventName())) {
                names.add(subscription.getEventName());
            }
        }
        List<DateTriggerName> valid = new java.util.ArrayList<>();
        for (String name : names) {
            try {
                valid.add(DateTriggerName.parse(name));
            } catch (IllegalArgumentException e) {
                if (reportedInvalid.add(name)) {
                    log.warn("Ignoring signal start event: {}", e.getMessage());
                }
            }
        }
        return valid;
    }

    private record Due(long contactId, String phone) {
    }

    private int fire(DateTriggerName trigger, LocalDate today) {
        Set<Long> seen = new HashSet<>();
        int fired = 0;
        for (String pattern : trigger.valuePatterns(today)) {
            List<Due> due = jdbc.query("""
                    select c.id, c.phone from contact_field f
                    join field_definition d on d.name = f.field
                    join contact c on c.id = f.contact_id
                    where f.field = ? and d.type = 'DATE' and f.field_value like ?
                    and not exists (select 1 from date_trigger_fired t
                        where t.trigger_name = ? and t.contact_id = c.id and t.fire_date = ?)
                    order by c.id""", (rs, row) -> new Due(rs.getLong(1), rs.getString(2)),
                    trigger.field(), pattern, trigger.name(), today);
            for (Due contact : due) {
                if (seen.add(contact.contactId()) && fireFor(trigger, today, contact)) {
                    fired++;
                }
            }
        }
        return fired;
    }

    /** @return whether this node fired it (false: fired already, by another node, or failed and retried later) */
    private boolean fireFor(DateTriggerName trigger, LocalDate today, Due contact) {
        try {
            int started = perContact.execute(status -> {
                jdbc.update("insert into date_trigger_fired (trigger_name, contact_id, fire_date, fired_at) "
                        + "values (?, ?, ?, ?)", trigger.name(), contact.contactId(), today,
                        OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                return triggers.startBySignal(trigger.name(), contact.phone(), contact.contactId(),
                        Map.of("triggerDate", today.toString()));
            });
            log.debug("Date trigger {} fired for contact {}: {} automation(s)", trigger.name(), contact.contactId(), started);
            return true;
        } catch (DataIntegrityViolationException alreadyFired) {
            // another node (or an earlier run) committed the row first, or the contact was just deleted
            log.debug("Date trigger {} skipped contact {}: {}", trigger.name(), contact.contactId(), alreadyFired.getMessage());
            return false;
        } catch (RuntimeException e) {
            log.warn("Date trigger {} could not start for contact {}, next check retries: {}", trigger.name(),
                    contact.contactId(), e.toString());
            return false;
        }
    }
}
