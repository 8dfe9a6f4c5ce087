package dev.replyflow.ticket;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface TicketRepository extends JpaRepository<Ticket, Long> {

    @Query("""
            select t from Ticket t
            where (:contactId is null or t.contactId = :contactId) and (:status is null or t.status = :status)
            order by t.id""")
    List<Ticket> search(@Param("contactId") Long contactId, @Param("status") TicketStatus status);
}
