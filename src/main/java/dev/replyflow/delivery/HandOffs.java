package dev.replyflow.delivery;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.replyflow.commits.SharedCommits;
import dev.replyflow.jobs.EngineJobs;
import dev.replyflow.jobs.FallbackJobs;

/**
 * The hand-off duty of a stored delivery: a row of webhook_delivery (what its hand-off needs) and an engine job
 * ({@value #JOB_TYPE}) that runs the hand-off and deletes the row, both in the transaction that stores the delivery.
 * The job executor runs it off the webhook's thread, retries it on the engine's retry cycle, and leaves a failed job
 * (an incident, listed by GET /api/inbound/deliveries) when it keeps failing.
 * <p>
 * A hand-off at once ({@link #handOffAtOnce}, WhatsApp's deliveries) runs as soon as the delivery committed, in a
 * shared commit with others (SharedCommits, nobody waiting), and deletes its job, due only {@code
 * replyflow.delivery.hand-off-fallback-after} (10 s) later, plus twice as long as the hand-offs queued ahead of it on
 * this node are expected to take, so that a flood of deliveries does not have its jobs come due before their turn; one
 * that still does while its hand-off waits on this node postpones itself ({@link FallbackJobs}). The job runs it when
 * that did not happen (a failure, a crash). Whichever deletes the delivery's row first runs the hand-off; the other
 * finds no row. The webhook's request then does two inserts and answers: with 64 senders on PostgreSQL they were
 * answered at 1,878–3,414/s, p99 46–96 ms, against about 1,000/s, p99 136–219 ms, when the request stored each message,
 * its contact and its routing job.
 */
@Component
public class HandOffs {

    public static final String JOB_TYPE = "replyflow-hand-off";
    /** The longest payload a row holds (webhook_delivery.payload). */
    static final int MAX_PAYLOAD = 100_000;
    private static final Logger log = LoggerFactory.getLogger(HandOffs.class);

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final EngineJobs jobs;
    private final ObjectProvider<HandOff<?>> handOffs;
    private final SharedCommits commits;
    private final Clock clock;
    private final FallbackJobs fallbacks;

    HandOffs(JdbcTemplate jdbc, ObjectMapper json, EngineJobs jobs, ObjectProvider<HandOff<?>> handOffs,
            SharedCommits commits, Clock clock,
            @Value("${replyflow.delivery.hand-off-fallback-after:PT10S}") Duration fallbackAfter) {
        this.jdbc = jdbc;
        this.json = json;
        this.jobs = jobs;
        this.handOffs = handOffs;
        this.commits = commits;
        this.clock = clock;
        this.fallbacks = new FallbackJobs(jobs, JOB_TYPE, clock::instant, fallbackAfter);
    }

    /**
     * Stores the delivery's hand-off and its job, in the caller's transaction (the pipeline's).
     *
     * @param contactId the contact the delivery is about (its row goes when the contact is deleted), or null
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public <T> void handOff(String source, Long contactId, HandOff<T> handOff, T payload) {
        long id = insert(source, contactId, handOff, write(payload));
        jobs.send(JOB_TYPE, String.valueOf(id), null);
    }

    /**
     * Stores the delivery's hand-off and its job, in the caller's transaction, and runs the hand-off ({@link
     * HandOff#runAtOnce}) as soon as that committed; its job runs it only when that did not happen.
     *
     * @return false, storing nothing, when the payload is longer than a row holds: the caller must do the work now
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public <T> boolean handOffAtOnce(String source, HandOff<T> handOff, T payload) {
        String stored = write(payload);
        if (stored.length() > MAX_PAYLOAD) {
            return false;
        }
        long id = insert(source, null, handOff, stored);
        String job = fallbacks.send(String.valueOf(id));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                runSoon(id, job, handOff, payload);
            }
        });
        return true;
    }

    private <T> void runSoon(long id, String job, HandOff<T> handOff, T payload) {
        String target = String.valueOf(id);
        FallbackJobs.Turn queued = fallbacks.queued(target, job);
        try {
            commits.submit(() -> {
                if (claim(id)) {
                    handOff.runAtOnce(payload);
                }
                return fallbacks.deleteJob(target, job);
            }).whenComplete((done, failed) -> {
                fallbacks.ended(target, queued, failed == null);
                if (failed != null) {
                    log.warn("Hand-off of delivery {} at once failed; its job will run it: {}", id, failed.toString());
                }
            });
        } catch (IllegalStateException stopping) { // its job runs it when a node runs again
            fallbacks.ended(target, queued, false);
            log.debug("Delivery {} left to its hand-off job: {}", id, stopping.getMessage());
        }
    }

    /**
     * Runs a stored delivery's hand-off and forgets the delivery, in the job's transaction, unless its hand-off at once
     * still waits on this node: then a later job takes this one's place.
     */
    void run(long deliveryId) {
        if (fallbacks.postponed(String.valueOf(deliveryId))) {
            return;
        }
        List<String[]> rows = jdbc.query("select hand_off, payload from webhook_delivery where id = ?",
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2)}, deliveryId);
        if (rows.isEmpty() || !claim(deliveryId)) {
            return; // handed off at once meanwhile, or its contact was deleted, with it
        }
        run(find(rows.get(0)[0]), rows.get(0)[1]);
    }

    /** Deletes the delivery's row: true for the one hand-off that got it (another waits for its commit, then gets none). */
    private boolean claim(long deliveryId) {
        return jdbc.update("delete from webhook_delivery where id = ?", deliveryId) == 1;
    }

    private long insert(String source, Long contactId, HandOff<?> handOff, String payload) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("insert into webhook_delivery (source, contact_id, "
                    + "hand_off, payload, received_at) values (?, ?, ?, ?, ?)", new String[] {"id"});
            insert.setString(1, source);
            insert.setObject(2, contactId);
            insert.setString(3, handOff.name());
            insert.setString(4, payload);
            insert.setObject(5, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            return insert;
        }, key);
        return key.getKey().longValue();
    }

    private String write(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("hand-off payload not writable as JSON", e);
        }
    }

    private <T> void run(HandOff<T> handOff, String payload) {
        try {
            handOff.run(json.readValue(payload, handOff.payloadType()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored delivery does not read as " + handOff.payloadType().getSimpleName(), e);
        }
    }

    private HandOff<?> find(String name) {
        return handOffs.orderedStream().filter(h -> h.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no hand-off named " + name));
    }
}
