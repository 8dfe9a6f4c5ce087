package dev.replyflow.messaging;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.replyflow.contact.Contact;
import dev.replyflow.contact.ContactService;
import jakarta.servlet.http.HttpServletResponse;

/** A contact's chat: the messages as JSON, or the whole chat as CSV. */
@RestController
@RequestMapping("/api/contacts/{id}/messages")
public class ChatController {

    private final ContactService contacts;
    private final MessageRepository messages;
    private final ChatCsvExporter exporter;
    private final MessageSender sender;

    public ChatController(ContactService contacts, MessageRepository messages, ChatCsvExporter exporter,
            MessageSender sender) {
        this.contacts = contacts;
        this.messages = messages;
        this.exporter = exporter;
        this.sender = sender;
    }

    @GetMapping
    public List<Message> chat(@PathVariable Long id) {
        contacts.require(id);
        return messages.findByContactIdOrderByCreatedAtAscIdAsc(id);
    }

    /**
     * Sends a message: {"text"} inside the 24h window, or {"template","language","parameters"}. An
     * Idempotency-Key header makes a retried call send (and charge) once.
     */
    @PostMapping
    public ResponseEntity<Message> send(@PathVariable Long id, @RequestBody SendRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        Message message = sender.send(id, request, idempotencyKey == null ? null : "api:" + idempotencyKey);
        return ResponseEntity.created(URI.create("/api/contacts/" + id + "/messages/" + message.getId())).body(message);
    }

    @GetMapping("/export")
    public void export(@PathVariable Long id, HttpServletResponse response) throws IOException {
        Contact contact = contacts.require(id);
        response.setContentType("text/csv;charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"chat-" + contact.getPhone().substring(1) + ".csv\"");
        exporter.export(contact, response.getWriter());
    }
}
