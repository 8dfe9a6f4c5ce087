package dev.replyflow.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.replyflow.billing.Billing;
import dev.replyflow.billing.ConversationCategory;
import dev.replyflow.contact.Contact;
import dev.replyflow.contact.ContactRepository;
import dev.replyflow.contact.PhoneNumbers;
import dev.replyflow.messaging.gateway.GatewayException;
import dev.replyflow.messaging.gateway.OutboundMessage;
import dev.replyflow.messaging.template.Template;
import dev.replyflow.messaging.template.TemplateRenderer;
import dev.replyflow.messaging.template.TemplateRepository;
import dev.replyflow.web.ApiException;

/**
 * Sends one message to a contact, for the API and for automation steps alike, in three steps:
 * <ol>
 * <li>one transaction, with the contact locked: the rules (blocked, template approved, marketing consent, 24h
 * window), the charge, and the message stored as PENDING under its idempotency key;</li>
 * <li>the gateway call, outside any transaction;</li>
 * <li>one transaction: SENT with its wamid, or FAILED with WhatsApp's code and the charge refunded.</li>
 * </ol>
 * A retry with the same idempotency key never charges twice and never resends a message WhatsApp took.
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
    private final TemplateRepository templates;
    private final TemplateRenderer renderer;
    private final Billing billing;
    private final PhoneNumbers phoneNumbers;
    private final dev.replyflow.messaging.gateway.WhatsAppGateway gateway;
    private final WhatsAppProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;

    public MessageSender(ContactRepository contacts, MessageRepository messages, TemplateRepository templates,
            TemplateRenderer renderer, Billing billing, PhoneNumbers phoneNumbers,
            dev.replyflow.messaging.gateway.WhatsAppGateway gateway, WhatsAppProperties properties,
            PlatformTransactionManager transactions, Clock clock) {
        this.contacts = contacts;
        this.messages = messages;
        this.templates = templates;
        this.renderer = renderer;
        this.billing = billing;
        this.phoneNumbers = phoneNumbers;
        this.gateway = gateway;
        this.properties = properties;
        this.tx = new TransactionTemplate(transactions);
        // its own transactions, also inside an engine job: once WhatsApp took a message, its record must survive a
        // rollback of the job, or the job's retry would send it twice
        this.tx.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    private record Prepared(Message message, OutboundMessage outbound) {
    }

    /**
     * @param idempotencyKey one key per logical send (a step execution, an API call's Idempotency-Key), or null
     * @throws ApiException when a rule refuses the message (409, 402, 400): nothing is stored, charged or sent
     * @throws SendFailedException when WhatsApp does not take it
     */
    public Message send(Long contactId, SendRequest request, String idempotencyKey) {
        return send(contactId, request, idempotencyKey, true);
    }

    /**
     * For a caller that will not try again (the AI operator answers a message once, then hands over): WhatsApp being
     * busy fails the message and refunds its charge, as a refusal does, instead of keeping it pending.
     */
    public Message sendOnce(Long contactId, SendRequest request, String idempotencyKey) {
        return send(contactId, request, idempotencyKey, false);
    }

    private Message send(Long contactId, SendRequest request, String idempotencyKey, boolean retriedLater) {
        Prepared prepared = tx.execute(status -> prepare(contactId, request, idempotencyKey));
        if (prepared.outbound() == null) {
            return prepared.message(); // this key's message went out (or failed for good) already
        }
        String wamid;
        try {
            wamid = gateway.send(prepared.outbound());
        } catch (GatewayException e) {
            if (e.retryable() && retriedLater) {
                throw new SendFailedException(true, e.code(), e.getMessage() + ". The message is kept pending; "
                        + "retry with the same idempotency key to send it without a second charge.");
            }
            tx.executeWithoutResult(status -> fail(prepared.message().getId(), e));
            throw new SendFailedException(false, e.code(), e.getMessage() + ". The message is marked failed and its "
                    + "charge refunded.");
        }
        return tx.execute(status -> {
            Message message = messages.findById(prepared.message().getId()).orElseThrow();
            message.accepted(wamid, clock.instant());
            return message;
        });
    }

    private Prepared prepare(Long contactId, SendRequest request, String key) {
        Contact contact = contacts.findForUpdate(contactId).orElseThrow(() -> ApiException.notFound("Contact", contactId));
        Message existing = key == null ? null : messages.findByIdempotencyKey(key).orElse(null);
        if (existing != null && existing.getStatus() != MessageStatus.PENDING) {
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
        Content content = request.template() != null ? templateContent(contact, request, checkRules)
                : freeContent(contact, request, windowOpen || !checkRules);
        OutboundMessage outbound = new OutboundMessage(contact.getPhone(), content.gatewayContent());
        if (existing != null) {
            return new Prepared(existing, outbound);
        }
        String country = phoneNumbers.regionOf(contact.getPhone());
        Billing.Charge charge = billing.charge(contact.getId(), contact.getPhone(), country, content.category(), windowOpen, now);
        Message message = messages.save(Message.outbound(contact.getId(), content.type(), content.text(),
                content.template(), content.language(), content.category(), charge.price(), key, now));
        billing.link(charge, message.getId());
        return new Prepared(message, outbound);
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
            return templates.findByNameAndLanguage(name, language).orElseThrow(() -> ApiException.invalid("language",
                    "Template " + name + " does not exist in " + language));
        }
        List<Template> all = templates.findByNameOrderByLanguage(name);
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
        if (request.buttons() != null && !request.buttons().isEmpty()) {
            if (request.buttons().size() > 3) {
                throw ApiException.invalid("buttons", "A message has at most 3 reply buttons");
            }
            return new Content("interactive", text, null, null, ConversationCategory.SERVICE,
                    new OutboundMessage.Buttons(null, text, null, request.buttons()));
        }
        return new Content("text", text, null, null, ConversationCategory.SERVICE, new OutboundMessage.Text(text));
    }

    private void fail(Long messageId, GatewayException e) {
        Message message = messages.findById(messageId).orElseThrow();
        if (message.moveTo(MessageStatus.FAILED, clock.instant(), e.code(), e.getMessage())) {
            billing.refund(message.getId(), message.getContactId(), message.getPrice());
        }
    }
}
