package dev.replyflow.support;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ManagementService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.replyflow.automation.Duties;
import dev.replyflow.automation.InboundRouting;
import dev.replyflow.automation.ai.AiOperatorReplies;
import dev.replyflow.automation.calls.RemoteCallWorker;
import dev.replyflow.commits.SharedCommits;
import dev.replyflow.delivery.HandOffs;
import dev.replyflow.messaging.OutboundDispatcher;

/**
 * What runs after a webhook answered, brought to an end for a test: the routing at once, the routing, hand-off and
 * duty jobs (the job executor is off in tests), the remote calls due (the worker's poller is off too), then the sender pool and the AI
 * operator's answers.
 */
@Component
public class Background {

    private final JdbcTemplate jdbc;
    private final ManagementService management;
    private final OutboundDispatcher sender;
    private final AiOperatorReplies ai;
    private final RemoteCallWorker calls;
    private final SharedCommits commits;

    Background(JdbcTemplate jdbc, ManagementService management, OutboundDispatcher sender, AiOperatorReplies ai,
            RemoteCallWorker calls, SharedCommits commits) {
        this.commits = commits;
        this.jdbc = jdbc;
        this.management = management;
        this.sender = sender;
        this.ai = ai;
        this.calls = calls;
    }

    /**
     * Waits for the routing of stored messages at once, then runs the routing, hand-off and duty jobs (also those they
     * create) and the calls due, then waits for the rest.
     */
    public void settle() {
        awaitSharedCommits();
        for (int round = 0; round < 10; round++) {
            List<String> jobs = jdbc.queryForList("select ID_ from ACT_RU_JOB where HANDLER_TYPE_ in (?, ?, ?) and "
                    + "RETRIES_ > 0 order by ID_", String.class, InboundRouting.JOB_TYPE, HandOffs.JOB_TYPE, Duties.JOB_TYPE);
            if (jobs.isEmpty()) {
                break;
            }
            for (String job : jobs) {
                try {
                    management.executeJob(job);
                } catch (RuntimeException e) { // another test's job that fails on purpose: its retries go down, no loop
                }
            }
        }
        calls.drain();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> sender.idle() && ai.idle() && calls.idle());
    }

    /** Waits until what was queued for a shared commit is done: the routing at once of the messages stored so far. */
    public void awaitSharedCommits() {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(commits::idle);
    }

    /**
     * Runs the hand-off jobs of the contact's stored deliveries once, as the job executor would.
     *
     * @return false when one of them failed (its job stays, with one retry less and the error)
     */
    public boolean runHandOffsOf(long contactId) {
        boolean succeeded = true;
        for (Long delivery : jdbc.queryForList("select id from webhook_delivery where contact_id = ?", Long.class, contactId)) {
            for (String job : jdbc.queryForList("select ID_ from ACT_RU_JOB where HANDLER_TYPE_ = ? and HANDLER_CFG_ = ?",
                    String.class, HandOffs.JOB_TYPE, String.valueOf(delivery))) {
                try {
                    management.executeJob(job);
                } catch (RuntimeException failed) {
                    succeeded = false;
                }
            }
        }
        return succeeded;
    }

    /** The contact's stored deliveries whose hand-off has not run yet. */
    public int pendingHandOffsOf(long contactId) {
        return jdbc.queryForObject("select count(*) from webhook_delivery where contact_id = ?", Integer.class, contactId);
    }

    /** What signed webhooks stored in all: deliveries pending their hand-off, and delivery ids taken. */
    public long storedDeliveries() {
        return jdbc.queryForObject("select (select count(*) from webhook_delivery) + (select count(*) from webhook_delivery_key)",
                Long.class);
    }
}
