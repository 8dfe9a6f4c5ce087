package dev.replyflow.messaging;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;

import dev.replyflow.billing.ConversationCategory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One WhatsApp message of a contact's chat, in either direction, with its WhatsApp id (wamid). */
@Entity
@Table(name = "message")
public class Message {

    public enum Direction { INBOUND, OUTBOUND }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "contact_id", nullable = false)
    private Long contactId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Direction direction;

    /** WhatsApp's message type: text, template, button, interactive, image, location, reaction, … */
    private String type;

    private String text;

    /** What an automation matches on besides the text: a button's payload, a list row's id, a media id. */
    private String payload;

    private String template;

    private String language;

    @Column(name = "wa_message_id", unique = true)
    private String waMessageId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private MessageStatus status;

    @Column(name = "status_at")
    private Instant statusAt;

    @Column(name = "error_code")
    private Integer errorCode;

    @Column(name = "error_title")
    private String errorTitle;

    /** The billing category of an outgoing message and what it cost (zero inside an open conversation). */
    @Enumerated(EnumType.STRING)
    private ConversationCategory category;

    private BigDecimal price;

    /** A customer's reply that came after its automation had stopped waiting (No Response). */
    @Column(nullable = false)
    private boolean late;

    @JsonIgnore
    @Column(name = "idempotency_key", unique = true)
    private String idempotencyKey;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** An outbound message's SendRequest as JSON, to send it again after a restart. */
    @JsonIgnore
    @Column(name = "send_request")
    private String sendRequest;

    /** A pending message not settled by then is picked up again by OutboundRecovery. */
    @JsonIgnore
    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    /** The automation instance whose Send Message step recorded it. */
    @Column(name = "process_instance_id")
    private String processInstanceId;

    /** An inbound message whose routing (reply, triggers) has not run yet. */
    @JsonIgnore
    @Column(nullable = false)
    private boolean unrouted;

    protected Message() {
    }

    /** An outgoing message before it is handed to WhatsApp. */
    public static Message outbound(Long contactId, String type, String text, String template, String language,
            ConversationCategory category, BigDecimal price, String idempotencyKey, Instant at) {
        Message m = new Message(contactId, Direction.OUTBOUND, text, template, null, MessageStatus.PENDING, at);
        m.type = type;
        m.language = language;
        m.category = category;
        m.price = price;
        m.idempotencyKey = idempotencyKey;
        return m;
    }

    /** What the sender pool needs to send it again, and when to pick it up if it is still pending by then. */
    Message toSend(String sendRequest, String processInstanceId, Instant nextAttemptAt) {
        this.sendRequest = sendRequest;
        this.processInstanceId = processInstanceId;
        this.nextAttemptAt = nextAttemptAt;
        return this;
    }

    public Message(Long contactId, Direction direction, String text, String template, String waMessageId,
            MessageStatus status, Instant createdAt) {
        this.contactId = contactId;
        this.direction = direction;
        this.text = text;
        this.template = template;
        this.waMessageId = waMessageId;
        this.status = status;
        this.createdAt = createdAt;
        this.statusAt = createdAt;
    }

    void accepted(String wamid, Instant at) {
        this.waMessageId = wamid;
        this.status = MessageStatus.SENT;
        this.statusAt = at;
        this.nextAttemptAt = null;
    }

    /** Applies a status report; @return false when it would move the message backwards (then nothing changes) */
    boolean moveTo(MessageStatus next, Instant at, Integer errorCode, String errorTitle) {
        if (!status.canMoveTo(next)) {
            return false;
        }
        this.status = next;
        this.statusAt = at;
        this.nextAttemptAt = null;
        if (next == MessageStatus.FAILED) {
            this.errorCode = errorCode;
            this.errorTitle = errorTitle;
        }
        return true;
    }

    public Long getId() {
        return id;
    }

    public Long getContactId() {
        return contactId;
    }

    public Direction getDirection() {
        return direction;
    }

    public String getText() {
        return text;
    }

    public String getTemplate() {
        return template;
    }

    public String getWaMessageId() {
        return waMessageId;
    }

    public MessageStatus getStatus() {
        return status;
    }

    public String getType() {
        return type;
    }

    public String getPayload() {
        return payload;
    }

    public String getLanguage() {
        return language;
    }

    public Instant getStatusAt() {
        return statusAt;
    }

    public Integer getErrorCode() {
        return errorCode;
    }

    public String getErrorTitle() {
        return errorTitle;
    }

    public ConversationCategory getCategory() {
        return category;
    }

    public BigDecimal getPrice() {
        return price;
    }

    public boolean isLate() {
        return late;
    }

    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getSendRequest() {
        return sendRequest;
    }

    public String getProcessInstanceId() {
        return processInstanceId;
    }

    public boolean isUnrouted() {
        return unrouted;
    }
}
