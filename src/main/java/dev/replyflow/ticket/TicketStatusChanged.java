package dev.replyflow.ticket;

import java.time.Instant;

/**
 * Published (in the changing transaction) when a ticket is opened or changes status: what the
 * {@code ticket-status:<STATUS>} trigger listens to. {@code from} is null for a new ticket.
 */
public record TicketStatusChanged(Long ticketId, Long contactId, TicketStatus from, TicketStatus to, String changedBy,
        Instant changedAt) {
}
