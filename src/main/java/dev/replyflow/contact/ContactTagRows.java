package dev.replyflow.contact;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.hibernate.engine.spi.SessionImplementor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** An automation's Add Tag in SQL, without reading the contact and its tags: see {@link ContactService#tag}. */
@Component
class ContactTagRows {

    enum Added { YES, HAD_IT, NO_CONTACT }

    private static final String INSERT = "insert into contact_tag (contact_id, tag) select c.id, ? from contact c where c.id = ? "
            + "and not exists (select 1 from contact_tag t where t.contact_id = c.id and t.tag = ?)";

    @PersistenceContext
    private EntityManager entities;

    private final JdbcTemplate jdbc;
    /** PostgreSQL: the insert and the contact's mark in one statement (one round trip, not two); null on H2. */
    private final String insertAndTouch;

    ContactTagRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.insertAndTouch = Databases.isPostgres(jdbc)
                ? "with added as (" + INSERT + " returning contact_id) update contact set updated_at = ? "
                        + "where id in (select contact_id from added)"
                : null;
    }

    /** The contact if this transaction already holds it (created, read or locked earlier), else null. */
    Contact held(Long id) {
        SessionImplementor session = entities.unwrap(SessionImplementor.class);
        var persister = session.getFactory().getMappingMetamodel().getEntityDescriptor(Contact.class);
        return (Contact) session.getPersistenceContextInternal().getEntity(session.generateEntityKey(id, persister));
    }

    /**
     * Gives the contact the tag (whose row exists) unless it has it; when it did not, the contact's row is marked changed
     * at {@code now}, or {@code held} is (a contact this transaction holds is written from its entity).
     */
    Added insert(Long contactId, String tag, Instant now, Contact held) {
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        boolean touched = held == null && insertAndTouch != null;
        int added = touched ? jdbc.update(insertAndTouch, tag, contactId, tag, at) : jdbc.update(INSERT, tag, contactId, tag);
        if (added == 0) {
            return jdbc.queryForList("select 1 from contact where id = ?", Integer.class, contactId).isEmpty()
                    ? Added.NO_CONTACT : Added.HAD_IT;
        }
        if (held != null) {
            held.touch(now);
        } else if (!touched) {
            jdbc.update("update contact set updated_at = ? where id = ?", at, contactId);
        }
        return Added.YES;
    }
}
