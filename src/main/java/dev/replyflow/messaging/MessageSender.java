package dev.replyflow.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.replyflow.billing.Billing;
import dev.replyflow.billing.ConversationCategory;
import dev.replyflow.billing.Wallet;
import dev.replyflow.contact.Contact;
import dev.replyflow.contact.ContactRepository;
import dev.replyflow.contact.PhoneNumbers;
import dev.replyflow.messaging.gateway.GatewayException;
import dev.replyflow.messaging.gateway.OutboundMessage;
import dev.replyflow.messaging.reach.BusinessInitiatedReach;
import dev.replyflow.messaging.template.Template;
import dev.replyflow.messaging.template.TemplateRenderer;
import dev.replyflow.messaging.template.TemplatesToSend;
import dev.replyflow.web.ApiException;

/**
 * Sends one message to a contact, for the API and for automation steps alike. The decision and the record come first,
 * in one transaction with the contact locked: the rules (blocked, template approved, marketing consent, 24h window),
 * the charge, and the message stored as PENDING under its idempotency key with what is needed to send it. The call to
 * WhatsApp comes after that commits, with no database connection held, and its result is recorded in a short
 * transaction of its own: SENT with its wamid, or FAILED with WhatsApp's code and the charge refunded.
 * <ul>
 * <li>{@link #record}: a Send Message step, inside the engine's transaction (one connection for the whole job). The
 * sender pool sends the message once that commits; a rolled-back job leaves neither record nor send behind.</li>
 * <li>{@link #send}: the API, which answers with the outcome: the call happens on the caller's thread, between its
 * two transactions. A retry with the same idempotency key never charges twice nor resends a message WhatsApp took.</li>
 * </ul>
 */
@Service
public class MessageSender {

    /** Why a send was refused: the codes of the problem responses, and the BPMN errors of the send step. */
    public static final String REFUSED_OUTSIDE_WINDOW = "outside-service-window";
    public static final String REFUSED_NO_CREDIT = "insufficient-credit";
    public static final String REFUSED_BLOCKED = "contact-blocked";
    public static final String REFUSED_NO_CONSENT = "no-marketing-consent";
    public static final String REFUSED_TEMPLATE_NOT_APPROVED = "template-not-approved";
    public static final String FAILED = "send-failed";

    private final ContactRepository contacts;
    private final MessageRepository messages;
    private final TemplatesToSend templates;
    private final TemplateRenderer renderer;
    private final Billing billing;
    private final Wallet wallet;
    private final PhoneNumbers phoneNumbers;
    private final dev.replyflow.messaging.gateway.WhatsAppGateway gateway;
    private final OutboundDispatcher dispatcher;
    private final OutboundResults results;
    private final WhatsAppProperties properties;
    private final SenderProperties senderProperties;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final BusinessInitiatedReach reach;
    private final Clock clock;

    public MessageSender(ContactRepository contacts, MessageRepository messages, TemplatesToSend templates,
            TemplateRenderer renderer, Billing billing, Wallet wallet, PhoneNumbers phoneNumbers,
            dev.replyflow.messaging.gateway.WhatsAppGateway gateway, OutboundDispatcher dispatcher, OutboundResults results,
            WhatsAppProperties properties, SenderProperties senderProperties, PlatformTransactionManager transactions,
            ObjectMapper json, BusinessInitiatedReach reach, Clock clock) {
        this.contacts = contacts;
        this.messages = messages;
        this.templates = templates;
        this.renderer = renderer;
        this.billing = billing;
        this.wallet = wallet;
        this.phoneNumbers = phoneNumbers;
        this.gateway = gateway;
        this.dispatcher = dispatcher;
        this.results = results;
        this.properties = properties;
        this.senderProperties = senderProperties;
        // joins a caller's transaction; the API's callers have none, so each step below is a short one of its own
        this.tx = new TransactionTemplate(transactions);
        this.json = json;
        this.reach = reach;
        this.clock = clock;
    }

    private record Prepared(Message message, OutboundMessage outbound) {
    }

    /**
     * Records a message in the caller's transaction (a Send Message step's job); the sender pool sends it after
     * the commit. Refusals are thrown before anything is written, so the caller's transaction stays usable.
     *
     * @throws ApiException when a rule refuses the message
     */
    public Message record(Long contactId, SendRequest request, String idempotencyKey, String processInstanceId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("record() joins the caller's transaction; use send() without one");
        }
        Prepared prepared = prepare(contactId, request, idempotencyKey, processInstanceId, Caller.STEP);
        if (prepared.outbound() != null) {
            dispatcher.sendAfterCommit(prepared.message().getId(), prepared.outbound());
        }
        return prepared.message();
    }

    /**
     * @param idempotencyKey one key per logical send (an API call's Idempotency-Key), or null
     * @throws ApiException when a rule refuses the message (409, 402, 400): nothing is stored, charged or sent
     * @throws SendFailedException when WhatsApp does not take it
     */
    public Message send(Long contactId, SendRequest request, String idempotencyKey) {
        return send(contactId, request, idempotencyKey, true);
    }

    /**
     * For a caller that will not try again (the AI operator answers a message once, then hands over): WhatsApp being
     * busy fails the message and refunds its charge, as a refusal does, instead of keeping it pending. At most once:
     * a message already recorded under the key, whatever its status, is returned as it is and not sent again (one left
     * PENDING by a crash is settled by its status webhooks, if WhatsApp got it).
     */
    public Message sendOnce(Long contactId, SendRequest request, String idempotencyKey) {
        return send(contactId, request, idempotencyKey, false);
    }

    private Message send(Long contactId, SendRequest request, String idempotencyKey, boolean retriedLater) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("send() calls WhatsApp: call it without a transaction, or record() within one");
        }
        Prepared prepared = tx.execute(status -> prepare(contactId, request, idempotencyKey, null,
                retriedLater ? Caller.API : Caller.API_ONCE));
        if (prepared.outbound() == null) {
            return prepared.message(); // this key's message went out (or failed for good) already
        }
        Long id = prepared.message().getId();
        try {
            results.accepted(id, gateway.send(new OutboundMessage(prepared.outbound().to(), prepared.outbound().content(),
                    OutboundDispatcher.reference(id))));
        } catch (GatewayException e) {
            if (e.retryable() && retriedLater) {
                throw new SendFailedException(true, e.code(), e.getMessage() + ". The message is kept pending; "
                        + "retry with the same idempotency key to send it without a second charge.");
            }
            results.failed(id, e.code(), e.getMessage());
            throw new SendFailedException(false, e.code(), e.getMessage() + ". The message is marked failed and its "
                    + "charge refunded.");
        }
        return messages.findById(id).orElseThrow();
    }

    /**
     * The content of a message recorded by {@link #record} and still pending, rebuilt from its request (after a
     * restart, or when its outcome was lost); null when it can no longer be sent (then it is failed and refunded).
     */
    OutboundMessage rebuild(Long messageId) {
        try {
            Prepared prepared = tx.execute(status -> {
                Message message = messages.findById(messageId).orElseThrow();
                if (message.getStatus() != MessageStatus.PENDING || message.getSendRequest() == null) {
                    return new Prepared(message, null);
                }
                return prepare(message.getContactId(), readRequest(message.getSendRequest()), message.getIdempotencyKey(),
                        message.getProcessInstanceId(), Caller.RECOVERY);
            });
            return prepared.outbound();
        } catch (ApiException | IllegalArgumentException | java.util.NoSuchElementException e) {
            results.failed(messageId, null, "Cannot be sent any more: " + e.getMessage());
            return null;
        }
    }

    private SendRequest readRequest(String request) {
        try {
            return json.readValue(request, SendRequest.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("its recorded request is unreadable", e);
        }
    }

    /** Who prepares a message, which decides what an earlier message under its key means. */
    private enum Caller {
        /** A Send Message step: one key per visit, recorded with the step, so nothing can be found under it yet. */
        STEP,
        /** The API: a pending message under the key is sent again (its charge kept). */
        API,
        /** The API, at most once: a message under the key, even pending, is never sent again. */
        API_ONCE,
        /** OutboundRecovery, rebuilding a recorded message that is still pending. */
        RECOVERY;

        /** Sent by the pool, and again by OutboundRecovery should its outcome be lost (not the API's). */
        boolean recoverable() {
            return this == STEP || this == RECOVERY;
        }
    }

    private Prepared prepare(Long contactId, SendRequest request, String key, String processInstanceId, Caller caller) {
        Contact contact = contacts.findForUpdate(contactId).orElseThrow(() -> ApiException.notFound("Contact", contactId));
        // a step's key is new (the unique key still guards it): no query for it on the hot path
        Message existing = key == null || caller == Caller.STEP ? null : messages.findByIdempotencyKey(key).orElse(null);
        if (existing != null && (existing.getStatus() != MessageStatus.PENDING || caller == Caller.API_ONCE)) {
            return new Prepared(existing, null);
        }
        Instant now = clock.instant();
        if (contact.isBlocked()) {
            if (existing != null) { // blocked since the first try: it will never go out, so it costs nothing
                existing.moveTo(MessageStatus.FAILED, now, null, "Contact blocked before delivery");
                billing.refund(existing.getId(), existing.getContactId(), existing.getPrice());
                return new Prepared(existing, null);
            }
            throw ApiException.conflict("Contact blocked", "Contact " + contact.getPhone() + " is blocked: Replyflow sends "
                    + "it nothing until it is unblocked", null).withCode(REFUSED_BLOCKED);
        }
        // a pending message was accepted and charged on its first try: a retry only delivers it, rules already passed
        boolean checkRules = existing == null;
        boolean windowOpen = contact.serviceWindowOpenAt(now);
        if (request.template() != null && request.list() != null) {
            throw ApiException.invalid("list", "A list goes with a free text, not with a template");
        }
        Content content = request.template() != null ? templateContent(contact, request, checkRules)
                : freeContent(contact, request, windowOpen || !checkRules);
        OutboundMessage outbound = new OutboundMessage(contact.getPhone(), content.gatewayContent());
        if (existing != null) {
            return new Prepared(existing, outbound);
        }
        String country = phoneNumbers.regionOf(contact.getPhone());
        Billing.Charge charge = billing.charge(contact.getId(), contact.getPhone(), country, content.category(), windowOpen, now);
        if (!charge.paid()) {
            throw wallet.noCredit(charge.price());
        }
        Message message = Message.outbound(contact.getId(), content.type(), content.text(), content.template(),
                content.language(), content.category(), charge.price(), key, now)
                .toSend(requestJson(request), processInstanceId,
                        caller.recoverable() ? now.plus(senderProperties.unknownOutcomeWait()) : null);
        message = messages.save(message);
        billing.link(charge, message.getId());
        if (content.template() != null && !windowOpen) { // business-initiated: WhatsApp's messaging limit counts it
            reach.reached(List.of(contact.getId()), now);
        }
        return new Prepared(message, outbound);
    }

    private String requestJson(SendRequest request) {
        try {
            return json.writeValueAsString(request);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a send request as JSON", e);
        }
    }

    private record Content(String type, String text, String template, String language, ConversationCategory category,
            OutboundMessage.Content gatewayContent) {
    }

    private Content templateContent(Contact contact, SendRequest request, boolean checkRules) {
        Template template = findTemplate(request.template(), request.language(), contact.getLanguage());
        if (checkRules && template.getStatus() != Template.Status.APPROVED) {
            throw ApiException.conflict("Template not approved", "Template " + template.getName() + " ("
                    + template.getLanguage() + ") is " + template.getStatus() + "; only approved templates are sent", "template")
                    .withCode(REFUSED_TEMPLATE_NOT_APPROVED);
        }
        if (checkRules && template.getCategory() == ConversationCategory.MARKETING && properties.marketingRequiresConsent()
                && !contact.isMarketingConsent()) {
            throw ApiException.conflict("No marketing consent", "Contact " + contact.getPhone() + " has not given "
                    + "marketing consent, so marketing template " + template.getName() + " is not sent", "template")
                    .withCode(REFUSED_NO_CONSENT);
        }
        TemplateRenderer.Rendered rendered = renderer.render(template, request.parameters(), request.urlSuffix(), contact);
        return new Content("template", rendered.text(), template.getName(), template.getLanguage(), template.getCategory(),
                rendered.content());
    }

    private Template findTemplate(String name, String requestedLanguage, String contactLanguage) {
        if (requestedLanguage != null && !requestedLanguage.isBlank()) {
            String language = dev.replyflow.contact.ContactService.normalizeLanguage(requestedLanguage);
            return templates.named(name).stream().filter(t -> t.getLanguage().equals(language)).findFirst()
                    .orElseThrow(() -> ApiException.invalid("language", "Template " + name + " does not exist in " + language));
        }
        List<Template> all = templates.named(name);
        if (all.isEmpty()) {
            throw ApiException.invalid("template", "No template named " + name);
        }
        return all.stream().filter(t -> t.getLanguage().equals(contactLanguage)).findFirst()
                .or(() -> all.size() == 1 ? java.util.Optional.of(all.get(0)) : java.util.Optional.empty())
                .orElseThrow(() -> ApiException.invalid("language", "Template " + name + " exists in "
                        + all.stream().map(Template::getLanguage).toList() + "; give the language"));
    }

    private static Content freeContent(Contact contact, SendRequest request, boolean windowOpen) {
        if (!windowOpen) {
            throw new ApiException(HttpStatus.CONFLICT, "Outside the 24h window", "Contact " + contact.getPhone()
                    + " has not written in the last 24 hours: only a template can be sent now", "text")
                    .withCode(REFUSED_OUTSIDE_WINDOW);
        }
        String text = request.text();
        boolean hasButtons = request.buttons() != null && !request.buttons().isEmpty();
        if (request.list() != null && (hasButtons || request.media() != null)) {
            throw ApiException.invalid("list", "A list goes with a text alone: not with reply buttons or media");
        }
        if (request.media() != null) {
            SendRequest.Media media = request.media();
            if (media.type() == null || media.link() == null || !media.link().startsWith("http")) {
                throw ApiException.invalid("media", "Media needs a type (IMAGE, DOCUMENT, VIDEO, AUDIO) and an http(s) link");
            }
            return new Content(media.type().name().toLowerCase(), text, null, null, ConversationCategory.SERVICE,
                    new OutboundMessage.Media(media.type(), media.link(), text, media.filename()));
        }
        if (text == null || text.isBlank()) {
            throw ApiException.invalid("text", "Give a text, a template or media");
        }
        if (text.length() > 4096) {
            throw ApiException.invalid("text", "A text is at most 4096 characters");
        }
        if (hasButtons) {
            return new Content("interactive", text, null, null, ConversationCategory.SERVICE,
                    InteractiveContent.buttons(text, request.buttons()));
        }
        if (request.list() != null) {
            return new Content("interactive", text, null, null, ConversationCategory.SERVICE,
                    InteractiveContent.list(text, request.list()));
        }
        return new Content("text", text, null, null, ConversationCategory.SERVICE, new OutboundMessage.Text(text));
    }
}
