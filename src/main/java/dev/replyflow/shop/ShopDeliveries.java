package dev.replyflow.shop;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.replyflow.contact.Contact;
import dev.replyflow.contact.ContactService;

/**
 * The shop deliveries already handled (table shop_delivery): a delivery's id, and the event it started
 * ("event:&lt;event&gt;:&lt;order or cart id&gt;"), are remembered in the transaction that upserts the contact, so a
 * repeated delivery, or the same order paid twice, starts no automation again.
 */
@Service
public class ShopDeliveries {

    private final JdbcTemplate jdbc;
    private final ContactService contacts;
    private final Clock clock;

    public ShopDeliveries(JdbcTemplate jdbc, ContactService contacts, Clock clock) {
        this.jdbc = jdbc;
        this.contacts = contacts;
        this.clock = clock;
    }

    /**
     * Remembers the keys and upserts the contact, in one transaction.
     *
     * @return the contact, or empty when one of the keys was already remembered (a duplicate)
     * @throws org.springframework.dao.DataIntegrityViolationException when the same delivery is handled at this very moment
     */
    @Transactional
    public Optional<Contact> record(ShopSource source, List<String> keys, String phone, String name) {
        if (seen(source, keys)) {
            return Optional.empty();
        }
        Timestamp now = Timestamp.from(clock.instant());
        for (String key : keys) {
            jdbc.update("INSERT INTO shop_delivery (source, delivery_id, received_at) VALUES (?, ?, ?)", source.path(), key, now);
        }
        return Optional.of(contacts.findOrCreate(phone, name));
    }

    @Transactional(readOnly = true)
    public boolean seen(ShopSource source, List<String> keys) {
        for (String key : keys) {
            Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM shop_delivery WHERE source = ? AND delivery_id = ?",
                    Integer.class, source.path(), key);
            if (count != null && count > 0) {
                return true;
            }
        }
        return false;
    }

    /** Forgets the keys, so that the shop's retry of a delivery whose automations could not start is handled again. */
    @Transactional
    public void forget(ShopSource source, List<String> keys) {
        for (String key : keys) {
            jdbc.update("DELETE FROM shop_delivery WHERE source = ? AND delivery_id = ?", source.path(), key);
        }
    }
}
