package dev.replyflow.delivery;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The delivery ids each source sent already (table webhook_delivery_key, unique per source): taken in the transaction
 * that stores the delivery, so a repeated delivery is seen as one, and two at once collide on the key.
 */
@Component
class DeliveryKeys {

    static final int MAX_KEY = 255;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    DeliveryKeys(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * @return true when none of the keys was taken before (they are now), false for a duplicate
     * @throws org.springframework.dao.DataIntegrityViolationException when a concurrent delivery takes one at this moment
     */
    boolean take(String source, List<String> keys) {
        if (keys.isEmpty()) {
            return true;
        }
        List<String> clipped = keys.stream().map(k -> k.length() > MAX_KEY ? k.substring(0, MAX_KEY) : k).distinct().toList();
        Integer taken = jdbc.queryForObject("select count(*) from webhook_delivery_key where source = ? and delivery_key in ("
                + String.join(", ", Collections.nCopies(clipped.size(), "?")) + ")", Integer.class,
                java.util.stream.Stream.concat(java.util.stream.Stream.of(source), clipped.stream()).toArray());
        if (taken != null && taken > 0) {
            return false;
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        for (String key : clipped) {
            jdbc.update("insert into webhook_delivery_key (source, delivery_key, received_at) values (?, ?, ?)", source, key, now);
        }
        return true;
    }
}
