package dev.replyflow.automation.steps;

import dev.replyflow.automation.StepNames;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import dev.replyflow.contact.ContactRepository;
import dev.replyflow.ticket.TicketPriority;
import dev.replyflow.ticket.TicketService;
import dev.replyflow.ticket.TicketService.TicketRequest;
import dev.replyflow.ticket.TicketStatus;

/** Open Ticket and Update Ticket; the ticket's id travels in the variable ticketId. */
final class TicketSteps {

    private TicketSteps() {
    }

    @Component(StepNames.OPEN_TICKET)
    static class OpenTicket extends ContactStep {
        private final TicketService tickets;

        OpenTicket(ContactRepository repository, TicketService tickets) {
            super(repository);
            this.tickets = tickets;
        }

        @Override
        protected void execute(DelegateExecution execution, Long contactId) {
            String priority = text(execution, "priority");
            var ticket = tickets.open(new TicketRequest(contactId, text(execution, "subject"), null,
                    priority == null ? null : TicketPriority.valueOf(priority), text(execution, "assignee")),
                    ContactSteps.actor(execution));
            execution.setVariable("ticketId", ticket.id());
        }
    }

    @Component(StepNames.UPDATE_TICKET)
    static class UpdateTicket extends ContactStep {
        private final TicketService tickets;

        UpdateTicket(ContactRepository repository, TicketService tickets) {
            super(repository);
            this.tickets = tickets;
        }

        @Override
        protected void execute(DelegateExecution execution, Long contactId) {
            Object variable = execution.getVariable("ticketId");
            Long ticketId = variable instanceof Number n ? n.longValue() : tickets.latestOpen(contactId)
                    .orElseThrow(() -> new BpmnError(StepNames.NO_TICKET, "The contact has no open ticket and ticketId is not set"));
            String status = text(execution, "status");
            String priority = text(execution, "priority");
            tickets.update(ticketId, new TicketRequest(null, null, status == null ? null : TicketStatus.valueOf(status),
                    priority == null ? null : TicketPriority.valueOf(priority), null), ContactSteps.actor(execution));
        }
    }
}
