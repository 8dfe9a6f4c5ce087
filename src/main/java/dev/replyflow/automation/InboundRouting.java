package dev.replyflow.automation;

import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.replyflow.clock.PlatformClock;
import dev.replyflow.commits.SharedCommits;
import dev.replyflow.contact.ContactRepository;
import dev.replyflow.jobs.EngineJobs;
import dev.replyflow.jobs.FallbackJobs;
import dev.replyflow.messaging.InboundMessageReceived;
import dev.replyflow.messaging.InboundRoute;

/**
 * Makes routing a stored customer message a durable duty: an engine job ({@value #JOB_TYPE}) created in the transaction
 * that stores the message, so both commit or neither does. The job executor runs it off the webhook's thread, in
 * parallel for different contacts, retrying with the engine's retry cycle and leaving a failed job (an incident) for
 * admins when it keeps failing. A contact's messages keep their order: routing locks the contact and routes every
 * unrouted message of it up to this one, oldest first, so a later message never overtakes an earlier one.
 * <p>
 * Routed at once: once the message committed, it is routed (within the shared commits' linger, 50 ms) in a shared
 * transaction with others (SharedCommits) that also deletes its job, which was created due a little later ({@code
 * replyflow.inbound.route-fallback-after}, 10 s) and runs only when that did not happen (a failure, a crash) or came
 * too late (a job already due is the executor's: it finds the message routed and ends). Run by the job executor, each
 * reply paid the job's acquisition and a commit of its own (the benchmark's CPU per reply fell from 17.9 to about 10 ms
 * without them; routing jobs still run alone, not in the shared job commits). When routing falls behind (a flood of
 * deliveries), jobs come due later and postpone themselves while their message waits here ({@link FallbackJobs}): routing
 * it too had waited on the contact's lock held by the routing at once, then found nothing left to do (a third of the
 * replies in the benchmark on PostgreSQL).
 */
@Component
public class InboundRouting implements InboundRoute {

    public static final String JOB_TYPE = "replyflow-route-inbound";
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(InboundRouting.class);

    private final ContactRepository contacts;
    private final InboundRouter router;
    private final TransactionTemplate tx;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;
    private final SharedCommits commits;
    private final EngineJobs jobs;
    private final Duration fallbackAfter;
    private final FallbackJobs fallbacks;

    InboundRouting(ContactRepository contacts, InboundRouter router,
            PlatformTransactionManager transactions,
            org.springframework.jdbc.core.JdbcTemplate jdbc, SharedCommits commits, EngineJobs jobs, PlatformClock clock,
            @Value("${replyflow.inbound.route-fallback-after:PT10S}") Duration fallbackAfter) {
        this.jdbc = jdbc;
        this.commits = commits;
        this.jobs = jobs;
        this.fallbackAfter = fallbackAfter;
        this.fallbacks = new FallbackJobs(jobs, JOB_TYPE, clock::instant, fallbackAfter);
        this.contacts = contacts;
        this.router = router;
        this.tx = new TransactionTemplate(transactions); // joins the job's transaction
    }

    /** In the transaction that stores the message: its routing job commits with it; once committed, it is routed. */
    @EventListener
    void onStored(InboundMessageReceived message) {
        if (message.messageId() == null || message.routedByCaller()) {
            return;
        }
        String target = message.contactId() + ":" + message.messageId();
        boolean atOnce = !fallbackAfter.isZero() && TransactionSynchronizationManager.isSynchronizationActive();
        if (!atOnce) {
            jobs.send(JOB_TYPE, target, null);
            return;
        }
        String job = fallbacks.send(target);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                routeSoon(message.contactId(), message.messageId(), target, job);
            }
        });
    }

    private void routeSoon(Long contactId, Long messageId, String target, String job) {
        FallbackJobs.Turn queued = fallbacks.queued(target, job);
        try {
            commits.submit(() -> {
                routePending(contactId, messageId);
                return fallbacks.deleteJob(target, job);
            }).whenComplete((done, failed) -> fallbacks.ended(target, queued, failed == null)).exceptionally(failed -> {
                log.warn("Routing message {} at once failed; its routing job will: {}", messageId, failed.toString());
                return null;
            });
        } catch (IllegalStateException stopping) { // the job routes it when a node runs again
            fallbacks.ended(target, queued, false);
            log.debug("Message {} left to its routing job: {}", messageId, stopping.getMessage());
        }
    }

    /**
     * The routing job ({@value #JOB_TYPE}, in the job executor's transaction): routes the contact's messages up to this
     * one, unless this message's routing at once is still queued or running on this node ({@link FallbackJobs}: a later
     * job takes this one's place).
     */
    public void routeDue(Long contactId, Long messageId) {
        if (!fallbacks.postponed(contactId + ":" + messageId)) {
            routePending(contactId, messageId);
        }
    }

    @Override
    public void routeNow(Long contactId, Long messageId) {
        try {
            routePending(contactId, messageId);
        } catch (RuntimeException e) { // its job is still there and will try again
            log.warn("Routing message {} now failed; its routing job will try again: {}", messageId, e.toString());
        }
    }

    @Override
    public void routeStored(List<InboundMessageReceived> stored) {
        InboundMessageReceived first = stored.get(0);
        routeLocked(first.contactId(), first.phone(), first.messageId()); // those before it, stored unrouted
        stored.forEach(router::route);
    }

    /**
     * Routes the contact's stored, unrouted messages up to {@code upTo}, oldest first, in the caller's transaction
     * (or one of its own). @return how many it routed (0 when another routing already did)
     */
    private int routePending(Long contactId, Long upTo) {
        Integer routed = tx.execute(status -> {
            String phone = contacts.lockPhone(contactId).orElse(null);
            return phone == null ? 0 : routeLocked(contactId, phone, upTo); // none when deleted meanwhile, with its messages
        });
        return routed == null ? 0 : routed;
    }

    /** {@link #routePending} once the contact is locked, in the caller's transaction. */
    private int routeLocked(Long contactId, String phone, Long upTo) {
        // in SQL, not as entities: routing reads nothing else of them and writes the message in SQL (late replies)
        List<InboundMessageReceived> pending = jdbc.query("select id, wa_message_id, type, text, payload "
                + "from message where contact_id = ? and unrouted = true and id <= ? order by id",
                (row, i) -> new InboundMessageReceived(row.getLong(1), contactId, phone, row.getString(2),
                        row.getString(3), row.getString(4), row.getString(5)), contactId, upTo);
        for (InboundMessageReceived message : pending) {
            router.route(message);
            jdbc.update("update message set unrouted = false where id = ?", message.messageId());
        }
        return pending.size();
    }
}
