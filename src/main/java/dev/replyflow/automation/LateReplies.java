package dev.replyflow.automation;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Late replies: when a Customer Response's No Response timer fires, the contact's reply window is recorded as
 * closed; the first customer message after it that no automation takes is marked late (and the contact shows
 * when), so operators can see who answered too late.
 */
@org.springframework.stereotype.Component
public class LateReplies implements ExecutionListener {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public LateReplies(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The No Response timer fired. */
    @Override
    public void notify(DelegateExecution execution) {
        Object contactId = execution.getVariable("contactId");
        if (contactId instanceof Number id) {
            jdbc.update("update contact set reply_window_closed_at = ? where id = ?", now(), id.longValue());
        } else if (execution.getBusinessKey() != null) {
            jdbc.update("update contact set reply_window_closed_at = ? where phone = ?", now(), execution.getBusinessKey());
        }
    }

    /** A message nobody waited for: late when it came after a closed reply window. @return whether it was marked */
    public boolean markIfLate(Long messageId, Long contactId) {
        int marked = jdbc.update("update message set late = true where id = ? and exists (select 1 from contact c where c.id = ? "
                + "and c.reply_window_closed_at is not null and c.reply_window_closed_at <= message.created_at)", messageId, contactId);
        if (marked > 0) {
            jdbc.update("update contact set last_late_reply_at = ?, reply_window_closed_at = null where id = ?", now(), contactId);
        }
        return marked > 0;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
