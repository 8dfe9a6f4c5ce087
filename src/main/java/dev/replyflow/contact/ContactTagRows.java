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

    @PersistenceContext
    private EntityManager entities;

    private final JdbcTemplate jdbc;

    ContactTagRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
        int added = jdbc.update("insert into contact_tag (contact_id, tag) select c.id, ? from contact c where c.id = ? "
                + "and not exists (select 1 from contact_tag t where t.contact_id = c.id and t.tag = ?)", tag, contactId, tag);
        if (added == 0) {
            return jdbc.queryForList("select 1 from contact where id = ?", Integer.class, contactId).isEmpty()
                    ? Added.NO_CONTACT : Added.HAD_IT;
        }
        if (held != null) {
            held.touch(now);
        } else {
            jdbc.update("update contact set updated_at = ? where id = ?", OffsetDateTime.ofInstant(now, ZoneOffset.UTC), contactId);
        }
        return Added.YES;
    }
}
