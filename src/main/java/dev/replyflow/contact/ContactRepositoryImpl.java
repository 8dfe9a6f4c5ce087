package dev.replyflow.contact;

import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

class ContactRepositoryImpl implements ContactLocks {

    @PersistenceContext
    private EntityManager entities;

    private final JdbcTemplate jdbc;
    /** The lock Hibernate takes for PESSIMISTIC_WRITE: on PostgreSQL one that new rows referencing the contact pass. */
    private final String lockPhone;

    ContactRepositoryImpl(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.lockPhone = "select phone from contact where id = ? for " + (Databases.isPostgres(jdbc) ? "no key update" : "update");
    }

    @Override
    public Optional<Contact> findForUpdate(Long id) {
        return Optional.ofNullable(entities.find(Contact.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public Optional<String> lockPhone(Long id) {
        return jdbc.queryForList(lockPhone, String.class, id).stream().findFirst();
    }
}
