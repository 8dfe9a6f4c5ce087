package dev.replyflow.automation;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.replyflow.contact.ListService;

/** A contact's automations at hand: see where each waits, take the contact out, list who waits at a step. */
@RestController
public class ContactAutomationsController {

    private final ContactAutomations automations;

    public ContactAutomationsController(ContactAutomations automations) {
        this.automations = automations;
    }

    @GetMapping("/api/contacts/{id}/automations")
    public List<ContactAutomations.Running> of(@PathVariable Long id) {
        return automations.of(id);
    }

    public record StopRequest(List<String> processKeys) {
    }

    public record Stopped(int stopped) {
    }

    /** Without processKeys (or without a body) every automation of the contact ends. */
    @PostMapping("/api/contacts/{id}/automations/stop")
    public Stopped stop(@PathVariable Long id, @RequestBody(required = false) StopRequest request) {
        return new Stopped(automations.stop(id, request == null ? null : request.processKeys()));
    }

    public record StopContactsRequest(List<Long> contactIds) {
    }

    @PostMapping("/api/automations/{processKey}/stop")
    public Stopped stopFor(@PathVariable String processKey, @RequestBody StopContactsRequest request) {
        return new Stopped(automations.stop(processKey, request.contactIds()));
    }

    public record ListRequest(String name) {
    }

    @PostMapping("/api/automations/{processKey}/elements/{elementId}/list")
    @ResponseStatus(HttpStatus.CREATED)
    public ListService.ListView listWaitingAt(@PathVariable String processKey, @PathVariable String elementId,
            @RequestBody ListRequest request) {
        return automations.listWaitingAt(processKey, elementId, request.name());
    }
}
