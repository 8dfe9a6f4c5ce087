package dev.replyflow.automation.voice;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The voice_call table: what each step execution did with Twilio. The remote-call worker writes with no transaction
 * of its own, so every write commits at once, in a short transaction: a started call is recorded before the request
 * leaves, or a retry would call the contact again. A write inside a caller's transaction is refused rather than
 * nested (REQUIRES_NEW would hold a second connection) or joined (it would commit only with the caller).
 */
@Component
class VoiceCallLedger {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    VoiceCallLedger(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** What is committed for this step execution (read in the caller's transaction, if any). */
    Optional<VoiceCallRecord> find(String executionKey) {
        return transaction.execute(status -> jdbc.query("select id, contact_id, execution_key, call_sid, status, "
                + "created_at from voice_call where execution_key = ?", (rs, row) -> new VoiceCallRecord(rs.getLong(1),
                        rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getObject(6, OffsetDateTime.class).toInstant()), executionKey).stream().findFirst());
    }

    /**
     * Records that this step execution is about to ask Twilio for a call, committed before the request leaves.
     *
     * @return the row's id
     * @throws DuplicateKeyException when the execution has a row already (another attempt got there first)
     */
    long starting(long contactId, String executionKey) {
        return committed().execute(status -> {
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.update(connection -> {
                PreparedStatement insert = connection.prepareStatement("insert into voice_call (contact_id, "
                        + "execution_key, status, created_at) values (?, ?, ?, ?)", new String[] {"id"});
                insert.setLong(1, contactId);
                insert.setString(2, executionKey);
                insert.setString(3, VoiceCallRecord.STARTING);
                insert.setObject(4, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                return insert;
            }, key);
            return key.getKey().longValue();
        });
    }

    /** Twilio took the call. */
    void placed(long id, String callSid, String twilioStatus) {
        committed().executeWithoutResult(status -> jdbc.update("update voice_call set call_sid = ?, status = ? "
                + "where id = ?", callSid, twilioStatus, id));
    }

    /** Twilio refused the call: this visit of the step does not try again. */
    void refused(long id) {
        committed().executeWithoutResult(status -> jdbc.update("update voice_call set status = ? where id = ?",
                VoiceCallRecord.FAILED, id));
    }

    /** The call was certainly not placed: the row goes, so that the step's retry may call. */
    void notPlaced(long id) {
        committed().executeWithoutResult(status -> jdbc.update("delete from voice_call where id = ? and call_sid is null",
                id));
    }

    /** The transaction of a write that must commit at once: there must be none around it. */
    private TransactionTemplate committed() {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("voice_call records what Twilio was asked at once: write it outside any "
                    + "transaction, not inside one");
        }
        return transaction;
    }

    /**
     * Twilio's final status of a placed call, kept once, in the caller's transaction (with the chat note it leads
     * to): the contact called, or empty for a call this table does not know or whose end was reported already.
     *
     * @param endStatuses Twilio's statuses that end a call
     */
    Optional<Long> ended(String callSid, String twilioStatus, java.util.Collection<String> endStatuses) {
        List<Object> arguments = new java.util.ArrayList<>(List.of(twilioStatus, callSid));
        arguments.addAll(endStatuses);
        String placeholders = String.join(", ", java.util.Collections.nCopies(endStatuses.size(), "?"));
        int updated = jdbc.update("update voice_call set status = ? where call_sid = ? and status not in (" + placeholders
                + ")", arguments.toArray());
        return updated == 0 ? Optional.empty()
                : Optional.of(jdbc.queryForObject("select contact_id from voice_call where call_sid = ?", Long.class, callSid));
    }
}
