package dev.replyflow.automation;

import java.util.Locale;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

import dev.replyflow.contact.Contact;
import dev.replyflow.contact.ContactRepository;
import dev.replyflow.contact.ContactList;
import dev.replyflow.contact.ListMemberRepository;

/**
 * What If / Else conditions can ask without Java, about the instance's contact (${contact…}) and its last
 * reply (${reply…}). Both read the execution the engine is evaluating right now.
 */
public final class ConditionHelpers {

    private ConditionHelpers() {
    }

    static DelegateExecution currentExecution() {
        BpmnExecutionContext context = Context.getBpmnExecutionContext();
        if (context == null) {
            throw new IllegalStateException("${contact} and ${reply} can only be used inside an automation");
        }
        return context.getExecution();
    }

    /** ${contact.hasTag('vip')}, ${contact.inList('newsletter')}, ${contact.field('city') == 'Bari'}, ${contact.marketingConsent} … */
    @Component("contact")
    public static class ContactConditions {
        private final ContactRepository contacts;
        private final ListMemberRepository members;

        ContactConditions(ContactRepository contacts, ListMemberRepository members) {
            this.contacts = contacts;
            this.members = members;
        }

        private Contact current() {
            DelegateExecution execution = currentExecution();
            Object id = execution.getVariable("contactId");
            return (id instanceof Number n ? contacts.findById(n.longValue()) : contacts.findByPhone(String.valueOf(execution.getBusinessKey())))
                    .orElseThrow(() -> new IllegalStateException("This automation has no contact"));
        }

        public boolean hasTag(String tag) {
            return current().getTags().contains(tag);
        }

        public boolean inList(String list) {
            return members.listsOf(current().getId()).stream().map(ContactList::getName).anyMatch(list::equals);
        }

        /** The field's value as text (canonical: numbers plain, dates YYYY-MM-DD, booleans true/false), or null. */
        public String field(String name) {
            return current().getFields().get(name);
        }

        public boolean isMarketingConsent() {
            return current().isMarketingConsent();
        }

        public boolean isBlocked() {
            return current().isBlocked();
        }

        public String getName() {
            return current().getName();
        }

        public String getLanguage() {
            return current().getLanguage();
        }

        public String getPhone() {
            return current().getPhone();
        }
    }

    /** ${reply.is('yes')}, ${reply.contains('price')}, ${reply.payload == 'CONFIRM'} about the last reply. */
    @Component("reply")
    public static class ReplyConditions {

        private static String normalize(Object text) {
            return text == null ? "" : text.toString().strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        }

        /** The reply's text or button payload equals {@code expected}, ignoring case and surrounding blanks. */
        public boolean is(String expected) {
            DelegateExecution execution = currentExecution();
            String wanted = normalize(expected);
            return normalize(execution.getVariable("replyText")).equals(wanted)
                    || normalize(execution.getVariable("replyPayload")).equals(wanted);
        }

        public boolean contains(String part) {
            return normalize(currentExecution().getVariable("replyText")).contains(normalize(part));
        }

        public String getText() {
            Object text = currentExecution().getVariable("replyText");
            return text == null ? null : text.toString();
        }

        public String getPayload() {
            Object payload = currentExecution().getVariable("replyPayload");
            return payload == null ? null : payload.toString();
        }
    }
}
