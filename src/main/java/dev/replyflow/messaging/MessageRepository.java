package dev.replyflow.messaging;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface MessageRepository extends JpaRepository<Message, Long> {

    List<Message> findByContactIdOrderByCreatedAtAscIdAsc(Long contactId);

    Optional<Message> findByWaMessageId(String waMessageId);

    Optional<Message> findByIdempotencyKey(String idempotencyKey);

    /** A contact's stored inbound messages whose routing has not run yet, up to one of them, oldest first. */
    List<Message> findByContactIdAndUnroutedTrueAndIdLessThanEqualOrderByIdAsc(Long contactId, Long upTo);
}
