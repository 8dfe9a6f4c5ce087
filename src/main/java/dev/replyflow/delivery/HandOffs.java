package dev.replyflow.delivery;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.replyflow.jobs.EngineJobs;

/**
 * The hand-off duty of a stored delivery: a row of webhook_delivery (what its hand-off needs) and an engine job
 * ({@value #JOB_TYPE}) that runs the hand-off and deletes the row, both in the transaction that stores the delivery.
 * The job executor runs it off the webhook's thread, retries it on the engine's retry cycle, and leaves a failed job
 * (an incident, listed by GET /api/inbound/deliveries) when it keeps failing.
 */
@Component
public class HandOffs {

    public static final String JOB_TYPE = "replyflow-hand-off";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final EngineJobs jobs;
    private final ObjectProvider<HandOff<?>> handOffs;
    private final Clock clock;

    HandOffs(JdbcTemplate jdbc, ObjectMapper json, EngineJobs jobs,
            ObjectProvider<HandOff<?>> handOffs, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.jobs = jobs;
        this.handOffs = handOffs;
        this.clock = clock;
    }

    /**
     * Stores the delivery's hand-off and its job, in the caller's transaction (the pipeline's).
     *
     * @param contactId the contact the delivery is about (its row goes when the contact is deleted), or null
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public <T> void handOff(String source, Long contactId, HandOff<T> handOff, T payload) {
        String stored;
        try {
            stored = json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("hand-off payload not writable as JSON", e);
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("insert into webhook_delivery (source, contact_id, "
                    + "hand_off, payload, received_at) values (?, ?, ?, ?, ?)", new String[] {"id"});
            insert.setString(1, source);
            insert.setObject(2, contactId);
            insert.setString(3, handOff.name());
            insert.setString(4, stored);
            insert.setObject(5, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            return insert;
        }, key);
        long id = key.getKey().longValue();
        jobs.send(JOB_TYPE, String.valueOf(id), null);
    }

    /** Runs a stored delivery's hand-off and forgets the delivery, in the job's transaction. */
    void run(long deliveryId) {
        List<String[]> rows = jdbc.query("select hand_off, payload from webhook_delivery where id = ?",
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2)}, deliveryId);
        if (rows.isEmpty()) {
            return; // its contact was deleted meanwhile, with it
        }
        run(find(rows.get(0)[0]), rows.get(0)[1]);
        jdbc.update("delete from webhook_delivery where id = ?", deliveryId);
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
