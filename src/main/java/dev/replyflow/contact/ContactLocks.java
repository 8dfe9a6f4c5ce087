package dev.replyflow.contact;

import java.util.Optional;

/** Locks a contact's row until the transaction ends: sends to one contact are decided and billed one at a time. */
public interface ContactLocks {

    /**
     * The contact, locked. By id through the entity manager, not a query: a contact the transaction already holds
     * (created or read by the same start) is only locked, not read again, and no query runs the session's auto-flush.
     */
    Optional<Contact> findForUpdate(Long id);

    /**
     * Locks the contact's row as {@link #findForUpdate} does, without reading the entity: for work that needs only its
     * phone and does not go through the entity (routing a stored message). @return its phone, or empty when it is gone
     */
    Optional<String> lockPhone(Long id);
}
