package dev.replyflow.billing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ConversationRepository extends JpaRepository<Conversation, Long> {

    @Query("select c from Conversation c where c.contactId = :contactId and c.expiresAt > :now") // JPQL: its plan is cached
    List<Conversation> findByContactIdAndExpiresAtAfter(@Param("contactId") Long contactId, @Param("now") Instant now);

    List<Conversation> findByContactIdOrderByOpenedAtAscIdAsc(Long contactId);

    Optional<Conversation> findByMessageId(Long messageId);
}
