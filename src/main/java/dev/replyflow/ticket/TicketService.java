package dev.replyflow.ticket;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.replyflow.contact.ContactRepository;
import dev.replyflow.web.ApiException;

/** Tickets and their status history; every status change is published as a {@link TicketStatusChanged}. */
@Service
@Transactional
public class TicketService {

    private final TicketRepository tickets;
    private final TicketStatusChangeRepository history;
    private final ContactRepository contacts;
    private final IdentityService identityService;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public TicketService(TicketRepository tickets, TicketStatusChangeRepository history, ContactRepository contacts,
            IdentityService identityService, ApplicationEventPublisher events, Clock clock) {
        this.tickets = tickets;
        this.history = history;
        this.contacts = contacts;
        this.identityService = identityService;
        this.events = events;
        this.clock = clock;
    }

    public record TicketRequest(Long contactId, String subject, TicketStatus status, TicketPriority priority, String assignee) {
    }

    public record TicketView(Long id, Long contactId, String subject, TicketStatus status, TicketPriority priority,
            String assignee, Instant createdAt, Instant updatedAt, List<TicketStatusChange> history) {
    }

    public TicketView open(TicketRequest request, String actor) {
        if (request.contactId() == null || !contacts.existsById(request.contactId())) {
            throw ApiException.invalid("contactId", request.contactId() == null ? "contactId is required"
                    : "No contact with id " + request.contactId());
        }
        Instant now = clock.instant();
        Ticket ticket = tickets.save(new Ticket(request.contactId(), subject(request.subject()),
                request.priority() == null ? TicketPriority.NORMAL : request.priority(), assignee(request.assignee()), now));
        recordStatus(ticket, null, actor, now);
        return view(ticket);
    }

    public TicketView update(Long id, TicketRequest request, String actor) {
        Ticket ticket = require(id);
        if (request.contactId() != null && !request.contactId().equals(ticket.getContactId())) {
            throw ApiException.invalid("contactId", "A ticket cannot move to another contact");
        }
        Instant now = clock.instant();
        if (request.subject() != null) {
            ticket.setSubject(subject(request.subject()));
        }
        if (request.priority() != null) {
            ticket.setPriority(request.priority());
        }
        if (request.assignee() != null) {
            ticket.setAssignee(request.assignee().isBlank() ? null : assignee(request.assignee()));
        }
        if (request.status() != null && request.status() != ticket.getStatus()) {
            TicketStatus from = ticket.getStatus();
            ticket.setStatus(request.status());
            recordStatus(ticket, from, actor, now);
        }
        ticket.touch(now);
        return view(ticket);
    }

    /** The contact's most recent ticket that is not closed, if any. */
    @Transactional(readOnly = true)
    public java.util.Optional<Long> latestOpen(Long contactId) {
        return tickets.search(contactId, null).stream().filter(t -> t.getStatus() != TicketStatus.CLOSED)
                .map(Ticket::getId).reduce((first, second) -> second);
    }

    @Transactional(readOnly = true)
    public TicketView get(Long id) {
        return view(require(id));
    }

    @Transactional(readOnly = true)
    public List<TicketView> search(Long contactId, TicketStatus status) {
        return tickets.search(contactId, status).stream().map(this::view).toList();
    }

    private void recordStatus(Ticket ticket, TicketStatus from, String actor, Instant now) {
        history.save(new TicketStatusChange(ticket.getId(), from, ticket.getStatus(), actor, now));
        events.publishEvent(new TicketStatusChanged(ticket.getId(), ticket.getContactId(), from, ticket.getStatus(), actor, now));
    }

    private Ticket require(Long id) {
        return tickets.findById(id).orElseThrow(() -> ApiException.notFound("Ticket", id));
    }

    private static String subject(String subject) {
        if (subject == null || subject.isBlank()) {
            throw ApiException.invalid("subject", "A ticket needs a subject");
        }
        if (subject.strip().length() > 300) {
            throw ApiException.invalid("subject", "A subject is at most 300 characters");
        }
        return subject.strip();
    }

    private String assignee(String username) {
        if (username != null && identityService.createUserQuery().userId(username).count() == 0) {
            throw ApiException.invalid("assignee", "No user named '" + username + "'");
        }
        return username;
    }

    private TicketView view(Ticket t) {
        return new TicketView(t.getId(), t.getContactId(), t.getSubject(), t.getStatus(), t.getPriority(), t.getAssignee(),
                t.getCreatedAt(), t.getUpdatedAt(), history.findByTicketIdOrderByChangedAtAscIdAsc(t.getId()));
    }
}
