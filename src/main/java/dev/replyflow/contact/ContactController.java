package dev.replyflow.contact;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/contacts")
public class ContactController {

    private final ContactService contacts;

    public ContactController(ContactService contacts) {
        this.contacts = contacts;
    }

    @PostMapping
    public ResponseEntity<ContactView> create(@RequestBody ContactRequest request, Principal user) {
        ContactView created = contacts.create(request, user.getName());
        return ResponseEntity.created(URI.create("/api/contacts/" + created.id())).body(created);
    }

    /** Contacts matching all the given filters; {@code phone} is normalized like on create. */
    @GetMapping
    public List<ContactView> search(@RequestParam(required = false) String phone, @RequestParam(required = false) String tag,
            @RequestParam(required = false) Long listId, @RequestParam(required = false) Boolean unread,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return contacts.search(phone, tag, listId, unread, page, size);
    }

    @GetMapping("/{id}")
    public ContactView get(@PathVariable Long id) {
        return contacts.get(id);
    }

    @PatchMapping("/{id}")
    public ContactView update(@PathVariable Long id, @RequestBody ContactRequest request, Principal user) {
        return contacts.update(id, request, user.getName());
    }

    /** Permanently deletes the contact and its personal data everywhere (admins only). */
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable Long id) {
        contacts.delete(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/consent-history")
    public List<ConsentChange> consentHistory(@PathVariable Long id) {
        return contacts.consentHistory(id);
    }

    public record TagRequest(String tag) {
    }

    @PostMapping("/{id}/tags")
    public ContactView addTag(@PathVariable Long id, @RequestBody TagRequest request) {
        return contacts.addTag(id, request.tag());
    }

    @DeleteMapping("/{id}/tags/{tag}")
    public ContactView removeTag(@PathVariable Long id, @PathVariable String tag) {
        return contacts.removeTag(id, tag);
    }

    public record OperatorRequest(String username) {
    }

    @PostMapping("/{id}/operators")
    public ContactView assignOperator(@PathVariable Long id, @RequestBody OperatorRequest request) {
        return contacts.assignOperator(id, request.username());
    }

    @DeleteMapping("/{id}/operators/{username}")
    public ContactView unassignOperator(@PathVariable Long id, @PathVariable String username) {
        return contacts.unassignOperator(id, username);
    }

    public record NoteRequest(String text) {
    }

    @PostMapping("/{id}/notes")
    public ResponseEntity<ContactNote> addNote(@PathVariable Long id, @RequestBody NoteRequest request, Principal user) {
        ContactNote note = contacts.addNote(id, request.text(), user.getName());
        return ResponseEntity.created(URI.create("/api/contacts/" + id + "/notes")).body(note);
    }

    @GetMapping("/{id}/notes")
    public List<ContactNote> notes(@PathVariable Long id) {
        return contacts.notes(id);
    }
}
