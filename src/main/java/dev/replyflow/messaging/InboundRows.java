package dev.replyflow.messaging;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * A customer's message looked up by its wamid and stored, in SQL: every WhatsApp delivery does both, and through the
 * JPA repository (its proxies, a query plan, a flush of every entity the transaction holds) they were about a tenth of
 * a reply's JVM time under load (docs/benchmark.md, "Inbound messages stored in SQL").
 */
@Component
class InboundRows {

    /** A message stored before, and whether its routing is still to run. */
    record Known(long id, boolean unrouted) {
    }

    private final JdbcTemplate jdbc;

    InboundRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Known> find(String waMessageId) {
        return jdbc.query("select id, unrouted from message where wa_message_id = ?",
                (row, i) -> new Known(row.getLong(1), row.getBoolean(2)), waMessageId).stream().findFirst();
    }

    /** @return the new message's id; a concurrent duplicate fails on the unique wamid */
    long insert(Long contactId, Inbound in, Instant at, boolean unrouted) {
        OffsetDateTime when = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("insert into message (contact_id, direction, type, "
                    + "text, payload, wa_message_id, status, status_at, created_at, unrouted) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
            insert.setLong(1, contactId);
            insert.setString(2, Message.Direction.INBOUND.name());
            insert.setString(3, in.type());
            insert.setString(4, in.text());
            insert.setString(5, in.payload());
            insert.setString(6, in.waMessageId());
            insert.setString(7, MessageStatus.RECEIVED.name());
            insert.setObject(8, when);
            insert.setObject(9, when);
            insert.setBoolean(10, unrouted);
            return insert;
        }, key);
        return key.getKey().longValue();
    }
}
