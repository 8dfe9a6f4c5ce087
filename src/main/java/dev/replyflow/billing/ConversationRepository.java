package dev.replyflow.billing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ConversationRepository extends JpaRepository<Conversation, Long> {

    List<Conversation> findByContactIdAndExpiresAtAfter(Long contactId, Instant now);

    List<Conversation> findByContactIdOrderByOpenedAtAscIdAsc(Long contactId);

    Optional<Conversation> findByMessageId(Long messageId);
}
