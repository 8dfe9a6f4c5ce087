package dev.replyflow.contact;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.hibernate.Hibernate;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.replyflow.web.ApiException;

/** The rules of contacts: E.164 phones, typed fields, tags created on first use, consent with its history. */
@Service
@Transactional
public class ContactService {

    private static final Pattern LANGUAGE = Pattern.compile("([A-Za-z]{2,3})(?:[_-]([A-Za-z0-9]{2,4}))?");

    private final ContactRepository contacts;
    private final TagRepository tags;
    private final FieldDefinitionRepository fieldDefinitions;
    private final ConsentChangeRepository consentChanges;
    private final ContactNoteRepository notes;
    private final ListMemberRepository listMembers;
    private final PhoneNumbers phoneNumbers;
    private final IdentityService identityService;
    private final RuntimeService runtimeService;
    private final HistoryService historyService;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final ContactTagRows tagRows;
    @PersistenceContext
    private EntityManager entities;

    public ContactService(ContactRepository contacts, TagRepository tags, FieldDefinitionRepository fieldDefinitions,
            ConsentChangeRepository consentChanges, ContactNoteRepository notes, ListMemberRepository listMembers,
            PhoneNumbers phoneNumbers, IdentityService identityService, RuntimeService runtimeService,
            HistoryService historyService, Clock clock, org.springframework.context.ApplicationEventPublisher events,
            ContactTagRows tagRows) {
        this.contacts = contacts;
        this.tags = tags;
        this.fieldDefinitions = fieldDefinitions;
        this.consentChanges = consentChanges;
        this.notes = notes;
        this.listMembers = listMembers;
        this.phoneNumbers = phoneNumbers;
        this.identityService = identityService;
        this.runtimeService = runtimeService;
        this.historyService = historyService;
        this.clock = clock;
        this.events = events;
        this.tagRows = tagRows;
    }

    public ContactView create(ContactRequest request, String actor) {
        String phone = normalizePhone(request.phone(), "phone");
        contacts.findByPhone(phone).ifPresent(existing -> {
            throw ApiException.conflict("Contact exists",
                    "A contact with phone " + phone + " already exists (id " + existing.getId() + ")", "phone");
        });
        Instant now = clock.instant();
        Contact contact = new Contact(phone, now);
        apply(contact, request, actor, now);
        return view(contacts.save(contact));
    }

    public ContactView update(Long id, ContactRequest request, String actor) {
        Contact contact = require(id);
        if (request.phone() != null && !normalizePhone(request.phone(), "phone").equals(contact.getPhone())) {
            throw ApiException.invalid("phone", "A contact's phone cannot be changed: it identifies the contact in "
                    + "every automation; create a new contact instead");
        }
        Instant now = clock.instant();
        apply(contact, request, actor, now);
        contact.touch(now);
        return view(contact);
    }

    private void apply(Contact contact, ContactRequest request, String actor, Instant now) {
        if (request.name() != null) {
            contact.setName(checkLength(request.name().strip(), 200, "name"));
        }
        if (request.language() != null) {
            contact.setLanguage(request.language().isBlank() ? null : normalizeLanguage(request.language()));
        }
        if (request.blocked() != null) {
            if (request.blocked() && !contact.isBlocked() && contact.getId() != null) {
                events.publishEvent(new ContactBlocked(contact.getId(), contact.getPhone(), actor));
            }
            contact.setBlocked(request.blocked());
        }
        if (request.unread() != null) {
            contact.setUnread(request.unread());
        }
        if (request.fields() != null) {
            Map<String, FieldDefinition> definitions = definitions();
            request.fields().forEach((name, value) -> {
                FieldDefinition definition = definitions.get(name);
                if (definition == null) {
                    throw ApiException.invalid("fields." + name,
                            "No dynamic field named '" + name + "'; define it first with POST /api/fields");
                }
                if (value == null) {
                    contact.getFields().remove(name);
                } else {
                    contact.getFields().put(name, canonical(definition, value, "fields." + name));
                }
            });
        }
        if (request.tags() != null) {
            request.tags().forEach(tag -> contact.getTags().add(ensureTag(tag, now)));
        }
        if (request.marketingConsent() != null && (contact.getId() == null
                || request.marketingConsent() != contact.isMarketingConsent())) {
            String source = request.marketingConsentSource() == null || request.marketingConsentSource().isBlank()
                    ? "API" : checkLength(request.marketingConsentSource().strip(), 40, "marketingConsentSource");
            if (contact.getId() == null) {
                contacts.save(contact); // the consent history references the contact's id
            }
            recordConsent(contact, request.marketingConsent(), source, actor, now);
        }
    }

    /** Grants or revokes marketing consent, keeping the proof of when, how and by whom. */
    public void setMarketingConsent(Long id, boolean granted, String source, String actor) {
        Contact contact = require(id);
        if (contact.isMarketingConsent() != granted) {
            Instant now = clock.instant();
            recordConsent(contact, granted, source, actor, now);
            contact.touch(now);
        }
    }

    private void recordConsent(Contact contact, boolean granted, String source, String actor, Instant now) {
        contact.setMarketingConsent(granted, source, now);
        consentChanges.save(new ConsentChange(contact.getId(), granted, source, actor, now));
        events.publishEvent(new MarketingConsentChanged(contact.getId(), contact.getPhone(), granted, source));
    }

    @Transactional(readOnly = true)
    public ContactView get(Long id) {
        return view(require(id));
    }

    @Transactional(readOnly = true)
    public List<ContactView> search(String phone, String tag, Long listId, Boolean unread, int page, int size) {
        if (size < 1 || size > 500) {
            throw ApiException.invalid("size", "size must be between 1 and 500");
        }
        if (page < 0) {
            throw ApiException.invalid("page", "page must be 0 or more");
        }
        if ((long) page * size > Integer.MAX_VALUE) {
            // the database's offset is an int: such a page does not exist, and asking is a client's mistake
            throw ApiException.invalid("page", "page × size must stay below " + Integer.MAX_VALUE);
        }
        String e164 = phone == null || phone.isBlank() ? null : normalizePhone(phone, "phone");
        Map<String, FieldDefinition> definitions = definitions();
        return contacts.search(e164, tag, listId, unread, PageRequest.of(page, size)).stream()
                .map(c -> view(c, definitions)).toList();
    }

    @Transactional(readOnly = true)
    public List<ConsentChange> consentHistory(Long id) {
        require(id);
        return consentChanges.findByContactIdOrderByChangedAtAscIdAsc(id);
    }

    public ContactView addTag(Long id, String tag) {
        Contact contact = require(id);
        Instant now = clock.instant();
        if (contact.getTags().add(ensureTag(tag, now))) {
            contact.touch(now);
        }
        return view(contact);
    }

    /**
     * Adds the tag (an automation's Add Tag step: no view of the contact to build). In SQL, without reading the contact
     * and its tags, unless this transaction already holds them: Add Tag ends most automations (each reply and No Response
     * of the core loop), and this is two statements instead of four, with no entity to read and dirty-check.
     */
    public void tag(Long id, String tag) {
        Instant now = clock.instant();
        String name = ensureTag(tag, now);
        Contact held = tagRows.held(id);
        if (held != null && Hibernate.isInitialized(held.getTags())) { // the entity's tags would go stale
            if (held.getTags().add(name)) {
                held.touch(now);
            }
            return;
        }
        if (tagRows.insert(id, name, now, held) == ContactTagRows.Added.NO_CONTACT) {
            throw ApiException.notFound("Contact", id);
        }
    }

    public ContactView removeTag(Long id, String tag) {
        Contact contact = require(id);
        if (contact.getTags().remove(tag)) {
            contact.touch(clock.instant());
        }
        return view(contact);
    }

    public ContactView assignOperator(Long id, String username) {
        Contact contact = require(id);
        if (username == null || identityService.createUserQuery().userId(username).count() == 0) {
            throw ApiException.invalid("username", "No user named '" + username + "'");
        }
        contact.getOperators().add(username);
        return view(contact);
    }

    public ContactView unassignOperator(Long id, String username) {
        Contact contact = require(id);
        contact.getOperators().remove(username);
        return view(contact);
    }

    public ContactNote addNote(Long id, String text, String author) {
        require(id);
        if (text == null || text.isBlank()) {
            throw ApiException.invalid("text", "A note needs a text");
        }
        return notes.save(new ContactNote(id, author, checkLength(text.strip(), 4000, "text"), clock.instant()));
    }

    @Transactional(readOnly = true)
    public List<ContactNote> notes(Long id) {
        require(id);
        return notes.findByContactIdOrderByCreatedAtAscIdAsc(id);
    }

    /**
     * Permanently deletes a contact: its row and, through ON DELETE CASCADE, its tags, fields, lists,
     * notes, consent history, chat and tickets; plus its automation instances, running and historic: those with its phone
     * as business key and those whose variables name it (their history would keep its phone).
     */
    public void delete(Long id) {
        Contact contact = require(id);
        List<String> running = runtimeService.createProcessInstanceQuery()
                .processInstanceBusinessKey(contact.getPhone()).list().stream().map(ProcessInstance::getId).toList();
        if (!running.isEmpty()) {
            runtimeService.deleteProcessInstances(running, "contact permanently deleted", true, true);
        }
        java.util.Set<String> historic = new java.util.HashSet<>(historyService.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(contact.getPhone()).list().stream().map(HistoricProcessInstance::getId).toList());
        historic.addAll(instancesNaming(contact)); // started with another business key, the contact in their variables
        List<String> stillRunning = historic.isEmpty() ? List.of() : runtimeService.createProcessInstanceQuery()
                .processInstanceIds(historic).list().stream().map(ProcessInstance::getId).toList();
        if (!stillRunning.isEmpty()) {
            runtimeService.deleteProcessInstances(stillRunning, "contact permanently deleted", true, true);
        }
        if (!historic.isEmpty()) {
            historyService.deleteHistoricProcessInstancesIfExists(List.copyOf(historic));
        }
        contacts.delete(contact);
    }

    /** Instances whose variables name the contact (contactId, contactPhone), in history: running and finished. */
    private java.util.Set<String> instancesNaming(Contact contact) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        historyService.createHistoricVariableInstanceQuery().variableValueEquals("contactId", contact.getId()).list()
                .forEach(v -> ids.add(v.getProcessInstanceId()));
        historyService.createHistoricVariableInstanceQuery().variableValueEquals("contactPhone", contact.getPhone()).list()
                .forEach(v -> ids.add(v.getProcessInstanceId()));
        ids.remove(null);
        return ids;
    }

    /** The contact with this E.164 phone, created (with WhatsApp's profile name) when it writes for the first time. */
    public Contact findOrCreate(String phone, String profileName) {
        return findOrCreate(contacts.findByPhone(phone), phone, profileName);
    }

    /**
     * {@link #findOrCreate}, with the contact's row locked until the transaction ends, as routing a customer's message
     * locks it (ContactLocks): for a caller that routes the messages it stores in the same transaction.
     */
    public Contact findOrCreateLocked(String phone, String profileName) {
        return findOrCreate(contacts.findByPhoneForUpdate(phone), phone, profileName);
    }

    private Contact findOrCreate(Optional<Contact> found, String phone, String profileName) {
        Contact contact = found.orElseGet(() -> contacts.save(new Contact(phone, clock.instant())));
        if (contact.getName() == null && profileName != null && !profileName.isBlank()) {
            contact.setName(profileName.strip().length() > 200 ? profileName.strip().substring(0, 200) : profileName.strip());
        }
        return contact;
    }

    /**
     * Writes the contact and leaves it out of this transaction's entities, for work later in the transaction that
     * writes contacts in SQL: an automation's Add Tag is then one statement, not an insert and an update of the contact.
     */
    public void release(Contact contact) {
        entities.flush();
        entities.detach(contact);
    }

    @Transactional(readOnly = true)
    public Contact require(Long id) {
        return contacts.findById(id).orElseThrow(() -> ApiException.notFound("Contact", id));
    }

    /** No transaction of its own (this class's default would take a connection only to parse a phone). */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public String normalizePhone(String raw, String field) {
        try {
            return phoneNumbers.toE164(raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, capitalize(e.getMessage()));
        }
    }

    /** en, it, pt_BR: the language codes WhatsApp templates use. */
    public static String normalizeLanguage(String raw) {
        var m = LANGUAGE.matcher(raw.strip());
        if (!m.matches()) {
            throw ApiException.invalid("language", "'" + raw + "' is not a language code like it, en or pt_BR");
        }
        String language = m.group(1).toLowerCase(Locale.ROOT);
        return m.group(2) == null ? language : language + "_" + m.group(2).toUpperCase(Locale.ROOT);
    }

    private String ensureTag(String raw, Instant now) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.invalid("tag", "A tag needs a name");
        }
        String name = checkLength(raw.strip(), 100, "tag");
        tags.ensure(name, now);
        return name;
    }

    private static String canonical(FieldDefinition definition, Object value, String field) {
        try {
            return definition.getType().canonical(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, capitalize(e.getMessage()) + " (field type " + definition.getType() + ")");
        }
    }

    private static String checkLength(String value, int max, String field) {
        if (value.length() > max) {
            throw ApiException.invalid(field, field + " is longer than " + max + " characters");
        }
        return value;
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private Map<String, FieldDefinition> definitions() {
        return fieldDefinitions.findAll().stream().collect(Collectors.toMap(FieldDefinition::getName, Function.identity()));
    }

    private ContactView view(Contact contact) {
        return view(contact, definitions());
    }

    private ContactView view(Contact c, Map<String, FieldDefinition> definitions) {
        Map<String, Object> fields = new TreeMap<>();
        c.getFields().forEach((name, value) -> fields.put(name, definitions.get(name).getType().toJson(value)));
        List<ContactView.ListRef> lists = c.getId() == null ? List.of()
                : listMembers.listsOf(c.getId()).stream().map(l -> new ContactView.ListRef(l.getId(), l.getName())).toList();
        return new ContactView(c.getId(), c.getPhone(), c.getName(), c.getLanguage(), c.isMarketingConsent(),
                c.getMarketingConsentAt(), c.getMarketingConsentSource(), c.isBlocked(), c.isUnread(),
                c.getTags().stream().sorted().toList(), lists, fields, c.getOperators().stream().sorted().toList(),
                c.getLastInboundAt(), c.getLastLateReplyAt(), c.getCreatedAt(), c.getUpdatedAt());
    }
}
