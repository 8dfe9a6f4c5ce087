package dev.replyflow.automation.steps;

import dev.replyflow.automation.StepNames;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import dev.replyflow.contact.ContactRepository;
import dev.replyflow.contact.ContactRequest;
import dev.replyflow.contact.ContactService;
import dev.replyflow.contact.FieldDefinitionRepository;
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

    @Component(StepNames.ADD_TAG)
    static class AddTag extends ContactStep {
        private final ContactService contacts;

        AddTag(ContactRepository repository, ContactService contacts) {
            super(repository);
            this.contacts = contacts;
        }

        @Override
        protected void execute(DelegateExecution execution, Long contactId) {
            contacts.tag(contactId, text(execution, "tag"));
        }
    }

    @Component(StepNames.REMOVE_TAG)
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

    @Component(StepNames.ADD_TO_LIST)
    static class AddToList extends ContactStep {
        private final ListService lists;

        AddToList(ContactRepository repository, ListService lists) {
            super(repository);
            this.lists = lists;
        }

        @Override
        protected void execute(DelegateExecution execution, Long contactId) {
            String name = text(execution, "list");
            var list = lists.byName(name).orElseThrow(() -> new BpmnError(StepNames.UNKNOWN_LIST, "No list named '" + name + "'"));
            lists.addMember(list.getId(), contactId);
        }
    }

    @Component(StepNames.REMOVE_FROM_LIST)
    static class RemoveFromList extends ContactStep {
        private final ListService lists;

        RemoveFromList(ContactRepository repository, ListService lists) {
            super(repository);
            this.lists = lists;
        }

        @Override
        protected void execute(DelegateExecution execution, Long contactId) {
            String name = text(execution, "list");
            var list = lists.byName(name).orElseThrow(() -> new BpmnError(StepNames.UNKNOWN_LIST, "No list named '" + name + "'"));
            lists.removeMember(list.getId(), contactId);
        }
    }

    /**
     * The value is checked before ContactService is called: a refusal thrown through its transactional boundary
     * would mark the engine's own transaction rollback-only, and the analyst's error path could not commit.
     */
    @Component(StepNames.FILL_CONTACT_FIELD)
    static class FillContactField extends ContactStep {
        private final ContactService contacts;
        private final FieldDefinitionRepository definitions;

        FillContactField(ContactRepository repository, ContactService contacts, FieldDefinitionRepository definitions) {
            super(repository);
            this.contacts = contacts;
            this.definitions = definitions;
        }

        @Override
        protected void execute(DelegateExecution execution, Long contactId) {
            String field = text(execution, "field");
            String value = text(execution, "value");
            ContactRequest change = switch (field) {
                case "name" -> new ContactRequest(null, checkName(value), null, null, null, null, null, null, null);
                case "language" -> new ContactRequest(null, null, checkLanguage(value), null, null, null, null, null, null);
                default -> new ContactRequest(null, null, null, null, null, null, null,
                        java.util.Collections.singletonMap(field, checkField(field, value)), null);
            };
            contacts.update(contactId, change, actor(execution));
        }

        private static String checkName(String value) {
            if (value == null || value.isBlank() || value.strip().length() > 200) {
                throw new BpmnError(StepNames.INVALID_FIELD_VALUE, "A name has 1 to 200 characters");
            }
            return value;
        }

        private static String checkLanguage(String value) {
            try {
                return ContactService.normalizeLanguage(value == null ? "" : value);
            } catch (ApiException e) {
                throw new BpmnError(StepNames.INVALID_FIELD_VALUE, e.getMessage());
            }
        }

        private Object checkField(String field, String value) {
            var definition = definitions.findById(field).orElseThrow(() -> new BpmnError(StepNames.INVALID_FIELD_VALUE,
                    "No dynamic field named '" + field + "'"));
            if (value == null) {
                return null; // clears the field
            }
            try {
                definition.getType().canonical(value);
            } catch (IllegalArgumentException e) {
                throw new BpmnError(StepNames.INVALID_FIELD_VALUE, field + ": " + e.getMessage());
            }
            return value;
        }
    }

    @Component(StepNames.ADD_NOTE)
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

    @Component(StepNames.MARK_UNREAD)
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

    @Component(StepNames.MARKETING_CONSENT)
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

    @Component(StepNames.ADD_OPERATORS)
    static class AddOperators extends ContactStep {
        private final ContactService contacts;

        AddOperators(ContactRepository repository, ContactService contacts) {
            super(repository);
            this.contacts = contacts;
        }

        @Override
        protected void execute(DelegateExecution execution, Long contactId) {
            var identity = execution.getProcessEngineServices().getIdentityService();
            for (String operator : lines(execution, "operators")) {
                // checked here: a refusal inside ContactService would doom the engine's transaction
                if (identity.createUserQuery().userId(operator).count() == 0) {
                    throw new BpmnError(StepNames.UNKNOWN_OPERATOR, "No user named '" + operator + "'");
                }
                contacts.assignOperator(contactId, operator);
            }
        }
    }

    @Component(StepNames.REMOVE_OPERATORS)
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
