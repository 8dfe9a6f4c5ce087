package dev.replyflow.messaging.webhook;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Messages WhatsApp delivered that Replyflow cannot take (no sender, an invalid number), kept whole with the reason:
 * WhatsApp will not deliver a 200-answered message again, so it is never just a log line.
 */
@Component
public class RejectedInbound {

    private static final Logger log = LoggerFactory.getLogger(RejectedInbound.class);
    private static final int MAX_REASON = 1000;

    public record Entry(Long id, String channel, String waMessageId, String sender, String reason, String body,
            Instant receivedAt) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    RejectedInbound(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void keep(String channel, String waMessageId, String sender, String reason, String body) {
        log.warn("Rejected {} message {} from {}: {}", channel, waMessageId, sender, reason);
        jdbc.update("insert into rejected_inbound (channel, wa_message_id, sender, reason, body, received_at) "
                + "values (?, ?, ?, ?, ?, ?)", channel, waMessageId, clip(sender, 100),
                clip(reason, MAX_REASON), body, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    /** The newest first. */
    public List<Entry> latest(int limit) {
        return jdbc.query("select id, channel, wa_message_id, sender, reason, body, received_at from rejected_inbound "
                + "order by id desc fetch first " + Math.max(1, Math.min(limit, 1000)) + " rows only",
                (rs, i) -> new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant()));
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
