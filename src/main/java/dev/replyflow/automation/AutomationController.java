package dev.replyflow.automation;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.replyflow.contact.Contact;
import dev.replyflow.contact.ContactService;
import dev.replyflow.web.ApiException;

/**
 * Starts an automation for one contact (business key = the contact's phone, variables contactId and contactPhone),
 * and tells how contacts move through it.
 */
@RestController
@RequestMapping("/api/automations")
public class AutomationController {

    /** The variable keeping a start's Idempotency-Key. */
    static final String START_KEY = "startIdempotencyKey";

    private final RuntimeService runtime;
    private final org.camunda.bpm.engine.HistoryService history;
    private final RepositoryService repository;
    private final ContactService contacts;
    private final AutomationStatistics statistics;
    private final dev.replyflow.commits.SharedCommits commits;

    public AutomationController(RuntimeService runtime, RepositoryService repository, ContactService contacts,
            AutomationStatistics statistics, org.camunda.bpm.engine.HistoryService history,
            dev.replyflow.commits.SharedCommits commits) {
        this.commits = commits;
        this.history = history;
        this.runtime = runtime;
        this.repository = repository;
        this.contacts = contacts;
        this.statistics = statistics;
    }

    /** Per element: contacts waiting there now (active) and that passed it (completed), over all versions. */
    @GetMapping("/{processKey}/statistics")
    public java.util.List<AutomationStatistics.ElementStatistics> statistics(@PathVariable String processKey) {
        return statistics.of(processKey);
    }

    public record StartRequest(String phone, Long contactId, Map<String, Object> variables) {
    }

    public record Started(String processInstanceId) {
    }

    /**
     * One transaction: the contact (created for a new phone) and its instance commit together, or neither does; it may
     * hold other requests' work too (SharedCommits), and the answer comes once it committed.
     */
    @PostMapping("/{processKey}/start")
    @ResponseStatus(HttpStatus.CREATED)
    public Started start(@PathVariable String processKey, @RequestBody StartRequest request,
            @org.springframework.web.bind.annotation.RequestHeader(name = "Idempotency-Key", required = false) String key) {
        if (request.contactId() == null && request.phone() == null) {
            throw ApiException.invalid("phone", "Give the contact's phone or contactId");
        }
        String phone = request.contactId() == null ? contacts.normalizePhone(request.phone(), "phone") : null;
        return new Started(commits.run(() -> startOne(processKey, request, phone, key)));
    }

    private String startOne(String processKey, StartRequest request, String phone, String key) {
        if (key != null && !key.isBlank()) { // a client repeating a start whose answer it lost gets the same instance
            var earlier = history.createHistoricProcessInstanceQuery().processDefinitionKey(processKey)
                    .variableValueEquals(START_KEY, key).list();
            if (!earlier.isEmpty()) {
                return earlier.get(0).getId();
            }
        }
        Contact contact = phone == null ? contacts.require(request.contactId()) : contacts.findOrCreate(phone, null);
        Map<String, Object> variables = new HashMap<>(request.variables() == null ? Map.of() : request.variables());
        variables.put("contactId", contact.getId());
        variables.put("contactPhone", contact.getPhone());
        if (key != null && !key.isBlank()) {
            variables.put(START_KEY, key);
        }
        try { // the engine looks the automation up anyway: no query of our own before it
            return runtime.startProcessInstanceByKey(processKey, contact.getPhone(), variables).getId();
        } catch (org.camunda.bpm.engine.exception.NullValueException e) {
            if (repository.createProcessDefinitionQuery().processDefinitionKey(processKey).count() == 0) {
                throw ApiException.notFound("Automation", processKey); // the transaction rolls back: no contact either
            }
            throw e;
        }
    }
}
