package dev.replyflow.messaging;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface MessageRepository extends JpaRepository<Message, Long> {

    List<Message> findByContactIdOrderByCreatedAtAscIdAsc(Long contactId);
}
