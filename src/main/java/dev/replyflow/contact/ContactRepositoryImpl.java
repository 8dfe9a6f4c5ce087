package dev.replyflow.contact;

import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

class ContactRepositoryImpl implements ContactLocks {

    @PersistenceContext
    private EntityManager entities;

    @Override
    public Optional<Contact> findForUpdate(Long id) {
        return Optional.ofNullable(entities.find(Contact.class, id, LockModeType.PESSIMISTIC_WRITE));
    }
}
