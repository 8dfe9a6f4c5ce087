package dev.replyflow.contact;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * Lookups on the send and receive paths are JPQL ({@code @Query}): Hibernate caches a JPQL query's plan, while it builds a
 * derived query's criteria and SQL again at every call, a cost that showed in the core loop's profile.
 */
public interface ContactRepository extends JpaRepository<Contact, Long>, ContactLocks {

    @Query("select c from Contact c where c.phone = :phone")
    Optional<Contact> findByPhone(@Param("phone") String phone);

    /** {@link #findByPhone}, the row locked as {@link #findForUpdate} locks it, in the same statement. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from Contact c where c.phone = :phone")
    Optional<Contact> findByPhoneForUpdate(@Param("phone") String phone);

    boolean existsByPhone(String phone);

    /** Contacts sent a business-initiated message after {@code since}: each counts once, however many it got. */
    long countByBusinessInitiatedAtAfter(Instant since);

    /** The earliest last business-initiated message after {@code since}: the first contact to leave a rolling window. */
    @Query("select min(c.businessInitiatedAt) from Contact c where c.businessInitiatedAt > :since")
    Optional<Instant> earliestBusinessInitiatedAfter(@Param("since") Instant since);

    /** Contacts matching every filter given (a null filter matches all), oldest first. */
    @Query("""
            select c from Contact c
            where (:phone is null or c.phone = :phone)
              and (:tag is null or :tag member of c.tags)
              and (:listId is null or c.id in (select m.contactId from ListMember m where m.listId = :listId))
              and (:unread is null or c.unread = :unread)
            order by c.id""")
    List<Contact> search(@Param("phone") String phone, @Param("tag") String tag, @Param("listId") Long listId,
            @Param("unread") Boolean unread, Pageable page);
}
