package dev.replyflow.ticket;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.replyflow.ticket.TicketService.TicketRequest;
import dev.replyflow.ticket.TicketService.TicketView;

@RestController
@RequestMapping("/api/tickets")
public class TicketController {

    private final TicketService tickets;

    public TicketController(TicketService tickets) {
        this.tickets = tickets;
    }

    @PostMapping
    public ResponseEntity<TicketView> open(@RequestBody TicketRequest request, Principal user) {
        TicketView ticket = tickets.open(request, user.getName());
        return ResponseEntity.created(URI.create("/api/tickets/" + ticket.id())).body(ticket);
    }

    @GetMapping
    public List<TicketView> search(@RequestParam(required = false) Long contactId,
            @RequestParam(required = false) TicketStatus status) {
        return tickets.search(contactId, status);
    }

    @GetMapping("/{id}")
    public TicketView get(@PathVariable Long id) {
        return tickets.get(id);
    }

    @PatchMapping("/{id}")
    public TicketView update(@PathVariable Long id, @RequestBody TicketRequest request, Principal user) {
        return tickets.update(id, request, user.getName());
    }
}
