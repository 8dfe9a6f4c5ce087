package dev.replyflow.automation.steps;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import dev.replyflow.contact.ContactRepository;
import dev.replyflow.contact.ContactRequest;
import dev.replyflow.contact.ContactService;
import dev.replyflow.contact.ListService;
import dev.replyflow.web.ApiException;

/** The steps that change the contact itself: tags, lists, fields, notes, unread, consent, operators. */
public final class ContactSteps {

    private ContactSteps() {
    }

    /** Who the contact's data says made a change: the automation (process definition key) that made it. */
    public static String actor(DelegateExecution execution) {
        return "automation:" + execution.getProcessDefinitionId().split(":")[0];
    }

    @Component("addTag")
    static class AddTag extends ContactStep {
        private final ContactService contacts;

        AddTag(ContactRepository repository, ContactService contacts) {
            super(repository);
            this.contacts = contacts;
        }

        @Override
        protected void execute(DelegateExecution execution, Long contactId) {
            contacts.addTag(contactId, text(execution, "tag"));
        }
    }

    @Component("removeTag")
    static class RemoveTag extends ContactStep {
        private final ContactService contacts;

        RemoveTag(ContactRepository repository, ContactService contacts) {
            super(repository);
            this.contacts = contacts;
        }

        @Override
        protected void execute(DelegateExecution execution, Long contactId) {
            contacts.removeTag(contactId, text(execution, "tag"));
        }
    }

    @Component("addToList")
    static class AddToList extends ContactStep {
        private final ListService lists;

        AddToList(ContactRepository repository, ListService lists) {
            super(repository);
            this.lists = lists;
        }

        @Override
        protected void execute(DelegateExecution execution, Long contactId) {
            String name = text(execution, "list");
            var list = lists.byName(name).orElseThrow(() -> new BpmnError("unknown-list", "No list named '" + name + "'"));
            lists.addMember(list.getId(), contactId);
        }
    }

    @Component("removeFromList")
    static class RemoveFromList extends ContactStep {
        private final ListService lists;

        RemoveFromList(ContactRepository repository, ListService lists) {
            super(repository);
            this.lists = lists;
        }

        @Override
        protected void execute(DelegateExecution execution, Long contactId) {
            String name = text(execution, "list");
            var list = lists.byName(name).orElseThrow(() -> new BpmnError("unknown-list", "No list named '" + name + "'"));
            lists.removeMember(list.getId(), contactId);
        }
    }

    @Component("fillContactField")
    static class FillContactField extends ContactStep {
        private final ContactService contacts;

        FillContactField(ContactRepository repository, ContactService contacts) {
            super(repository);
            this.contacts = contacts;
        }

        @Override
        protected void execute(DelegateExecution execution, Long contactId) {
            String field = text(execution, "field");
            String value = text(execution, "value");
            ContactRequest change = switch (field) {
                case "name" -> new ContactRequest(null, value, null, null, null, null, null, null, null);
                case "language" -> new ContactRequest(null, null, value, null, null, null, null, null, null);
                default -> new ContactRequest(null, null, null, null, null, null, null, java.util.Collections.singletonMap(field, value), null);
            };
            try {
                contacts.update(contactId, change, actor(execution));
            } catch (ApiException e) {
                throw new BpmnError("invalid-field-value", e.getMessage());
            }
        }
    }

    @Component("addNote")
    static class AddNote extends ContactStep {
        private final ContactService contacts;

        AddNote(ContactRepository repository, ContactService contacts) {
            super(repository);
            this.contacts = contacts;
        }

        @Override
        protected void execute(DelegateExecution execution, Long contactId) {
            contacts.addNote(contactId, text(execution, "note"), actor(execution));
        }
    }

    @Component("markUnread")
    static class MarkUnread extends ContactStep {
        private final ContactService contacts;

        MarkUnread(ContactRepository repository, ContactService contacts) {
            super(repository);
            this.contacts = contacts;
        }

        @Override
        protected void execute(DelegateExecution execution, Long contactId) {
            contacts.update(contactId, new ContactRequest(null, null, null, null, null, null, true, null, null), actor(execution));
        }
    }

    @Component("marketingConsent")
    static class MarketingConsent extends ContactStep {
        private final ContactService contacts;

        MarketingConsent(ContactRepository repository, ContactService contacts) {
            super(repository);
            this.contacts = contacts;
        }

        @Override
        protected void execute(DelegateExecution execution, Long contactId) {
            boolean granted = "granted".equalsIgnoreCase(text(execution, "consent"));
            contacts.setMarketingConsent(contactId, granted, actor(execution), actor(execution));
        }
    }

    @Component("addOperators")
    static class AddOperators extends ContactStep {
        private final ContactService contacts;

        AddOperators(ContactRepository repository, ContactService contacts) {
            super(repository);
            this.contacts = contacts;
        }

        @Override
        protected void execute(DelegateExecution execution, Long contactId) {
            for (String operator : lines(execution, "operators")) {
                try {
                    contacts.assignOperator(contactId, operator);
                } catch (ApiException e) {
                    throw new BpmnError("unknown-operator", e.getMessage());
                }
            }
        }
    }

    @Component("removeOperators")
    static class RemoveOperators extends ContactStep {
        private final ContactService contacts;

        RemoveOperators(ContactRepository repository, ContactService contacts) {
            super(repository);
            this.contacts = contacts;
        }

        @Override
        protected void execute(DelegateExecution execution, Long contactId) {
            lines(execution, "operators").forEach(operator -> contacts.unassignOperator(contactId, operator));
        }
    }
}
