package dev.replyflow.automation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.replyflow.contact.Contact;
import dev.replyflow.contact.ContactRepository;
import dev.replyflow.contact.ContactService;
import dev.replyflow.contact.ListService;
import dev.replyflow.web.ApiException;

/**
 * A contact's running automations (business key = its phone): where each waits, ending them for one contact or
 * for chosen contacts of one automation, and a list of the contacts waiting at a step.
 */
@Service
@Transactional
public class ContactAutomations {

    static final String STOPPED_BY_HAND = "stopped by hand";

    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final HistoryService history;
    private final ContactService contacts;
    private final ContactRepository contactRepository;
    private final ListService lists;

    public ContactAutomations(RuntimeService runtime, RepositoryService repository, HistoryService history,
            ContactService contacts, ContactRepository contactRepository, ListService lists) {
        this.runtime = runtime;
        this.repository = repository;
        this.history = history;
        this.contacts = contacts;
        this.contactRepository = contactRepository;
        this.lists = lists;
    }

    public record Running(String processInstanceId, String processKey, List<String> activityIds, Instant startedAt) {
    }

    @Transactional(readOnly = true)
    public List<Running> of(Long contactId) {
        Contact contact = contacts.require(contactId);
        List<Running> running = new ArrayList<>();
        for (ProcessInstance instance : instancesOf(contact.getPhone(), null)) {
            HistoricProcessInstance started = history.createHistoricProcessInstanceQuery()
                    .processInstanceId(instance.getId()).singleResult();
            running.add(new Running(instance.getId(), key(instance), runtime.getActiveActivityIds(instance.getId()),
                    started == null ? null : started.getStartTime().toInstant()));
        }
        return running;
    }

    /** Ends the contact's automations, those with the given keys or (keys null) all. @return how many */
    public int stop(Long contactId, Collection<String> processKeys) {
        Contact contact = contacts.require(contactId);
        List<String> ids = instancesOf(contact.getPhone(), null).stream()
                .filter(i -> processKeys == null || processKeys.contains(key(i))).map(ProcessInstance::getId).toList();
        return delete(ids);
    }

    /** Ends one automation for the chosen contacts. @return how many instances ended */
    public int stop(String processKey, Collection<Long> contactIds) {
        requireAutomation(processKey);
        if (contactIds == null || contactIds.isEmpty()) {
            throw ApiException.invalid("contactIds", "Give the ids of the contacts to take out of " + processKey);
        }
        List<String> ids = new ArrayList<>();
        for (Long contactId : contactIds) {
            Contact contact = contactRepository.findById(contactId)
                    .orElseThrow(() -> ApiException.invalid("contactIds", "No contact with id " + contactId));
            instancesOf(contact.getPhone(), processKey).forEach(i -> ids.add(i.getId()));
        }
        return delete(ids);
    }

    /** A new list of the contacts whose instance of the automation waits at the element now. */
    public ListService.ListView listWaitingAt(String processKey, String elementId, String listName) {
        requireAutomation(processKey);
        if (repository.createProcessDefinitionQuery().processDefinitionKey(processKey).list().stream()
                .noneMatch(d -> repository.getBpmnModelInstance(d.getId()).getModelElementById(elementId) != null)) {
            throw ApiException.notFound("Step", elementId);
        }
        ListService.ListView list = lists.create(listName);
        List<String> phones = runtime.createProcessInstanceQuery().processDefinitionKey(processKey).activityIdIn(elementId)
                .list().stream().map(ProcessInstance::getBusinessKey).filter(java.util.Objects::nonNull).distinct().toList();
        for (String phone : phones) {
            contactRepository.findByPhone(phone).ifPresent(c -> lists.addMember(list.id(), c.getId()));
        }
        return lists.get(list.id());
    }

    private List<ProcessInstance> instancesOf(String phone, String processKey) {
        var query = runtime.createProcessInstanceQuery().processInstanceBusinessKey(phone);
        if (processKey != null) {
            query.processDefinitionKey(processKey);
        }
        return query.orderByProcessInstanceId().asc().list();
    }

    private int delete(List<String> ids) {
        if (!ids.isEmpty()) {
            runtime.deleteProcessInstances(ids, STOPPED_BY_HAND, false, true);
        }
        return ids.size();
    }

    private void requireAutomation(String processKey) {
        if (repository.createProcessDefinitionQuery().processDefinitionKey(processKey).count() == 0) {
            throw ApiException.notFound("Automation", processKey);
        }
    }

    private final Map<String, String> keys = new java.util.concurrent.ConcurrentHashMap<>();

    /** Definition ids never change their key: remember them. */
    private String key(ProcessInstance instance) {
        return keys.computeIfAbsent(instance.getProcessDefinitionId(), id -> repository.getProcessDefinition(id).getKey());
    }
}
