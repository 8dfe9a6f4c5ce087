package dev.replyflow.messaging;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface MessageRepository extends JpaRepository<Message, Long> {

    List<Message> findByContactIdOrderByCreatedAtAscIdAsc(Long contactId);

    @Query("select m from Message m where m.waMessageId = :wamid") // JPQL: its plan is cached (see ContactRepository)
    Optional<Message> findByWaMessageId(@Param("wamid") String waMessageId);

    @Query("select m from Message m where m.idempotencyKey = :key")
    Optional<Message> findByIdempotencyKey(@Param("key") String idempotencyKey);
}
