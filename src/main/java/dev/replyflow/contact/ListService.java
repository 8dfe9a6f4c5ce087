package dev.replyflow.contact;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.replyflow.web.ApiException;

@Service
@Transactional
public class ListService {

    private final ContactListRepository lists;
    private final ListMemberRepository members;
    private final ContactRepository contacts;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    public ListService(ContactListRepository lists, ListMemberRepository members, ContactRepository contacts, Clock clock,
            ApplicationEventPublisher events) {
        this.lists = lists;
        this.members = members;
        this.contacts = contacts;
        this.clock = clock;
        this.events = events;
    }

    public record ListView(Long id, String name, Instant createdAt, long size) {
    }

    public record Membership(Long listId, Long contactId, Instant addedAt) {
    }

    public ListView create(String rawName) {
        if (rawName == null || rawName.isBlank()) {
            throw ApiException.invalid("name", "A list needs a name");
        }
        String name = rawName.strip();
        if (name.length() > 200) {
            throw ApiException.invalid("name", "A list name is at most 200 characters");
        }
        if (lists.existsByName(name)) {
            throw ApiException.conflict("List exists", "A list named '" + name + "' already exists", "name");
        }
        return view(lists.save(new ContactList(name, clock.instant())));
    }

    @Transactional(readOnly = true)
    public List<ListView> all() {
        return lists.findAll(Sort.by("name")).stream().map(this::view).toList();
    }

    @Transactional(readOnly = true)
    public ListView get(Long id) {
        return view(require(id));
    }

    public void delete(Long id) {
        lists.delete(require(id));
    }

    /** @return the membership, and whether it is new */
    public Membership addMember(Long listId, Long contactId) {
        require(listId);
        if (contactId == null) {
            throw ApiException.invalid("contactId", "contactId is required");
        }
        if (!contacts.existsById(contactId)) {
            throw ApiException.invalid("contactId", "No contact with id " + contactId);
        }
        ListMember member = members.findById(new ListMember.Key(listId, contactId)).orElse(null);
        if (member == null) {
            member = members.save(new ListMember(listId, contactId, clock.instant()));
            ContactList list = require(listId);
            events.publishEvent(new ContactAddedToList(list.getId(), list.getName(), contactId,
                    contacts.findById(contactId).orElseThrow().getPhone()));
        }
        return new Membership(listId, contactId, member.getAddedAt());
    }

    public void removeMember(Long listId, Long contactId) {
        require(listId);
        members.deleteById(new ListMember.Key(listId, contactId));
    }

    /** The list with this name, for steps that name it. */
    @Transactional(readOnly = true)
    public java.util.Optional<ContactList> byName(String name) {
        return lists.findByName(name == null ? null : name.strip());
    }

    @Transactional(readOnly = true)
    public ContactList require(Long id) {
        return lists.findById(id).orElseThrow(() -> ApiException.notFound("List", id));
    }

    private ListView view(ContactList list) {
        return new ListView(list.getId(), list.getName(), list.getCreatedAt(), members.countByListId(list.getId()));
    }
}
