package dev.replyflow.ticket;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface TicketStatusChangeRepository extends JpaRepository<TicketStatusChange, Long> {

    List<TicketStatusChange> findByTicketIdOrderByChangedAtAscIdAsc(Long ticketId);
}
