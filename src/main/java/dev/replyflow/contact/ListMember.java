package dev.replyflow.contact;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A contact's membership of a list. */
@Entity
@Table(name = "list_member")
@IdClass(ListMember.Key.class)
public class ListMember {

    @Id
    @Column(name = "list_id")
    private Long listId;

    @Id
    @Column(name = "contact_id")
    private Long contactId;

    @Column(name = "added_at", nullable = false)
    private Instant addedAt;

    protected ListMember() {
    }

    ListMember(Long listId, Long contactId, Instant addedAt) {
        this.listId = listId;
        this.contactId = contactId;
        this.addedAt = addedAt;
    }

    public Long getListId() {
        return listId;
    }

    public Long getContactId() {
        return contactId;
    }

    public Instant getAddedAt() {
        return addedAt;
    }

    public static class Key implements Serializable {
        private Long listId;
        private Long contactId;

        protected Key() {
        }

        public Key(Long listId, Long contactId) {
            this.listId = listId;
            this.contactId = contactId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(listId, k.listId) && Objects.equals(contactId, k.contactId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(listId, contactId);
        }
    }
}
