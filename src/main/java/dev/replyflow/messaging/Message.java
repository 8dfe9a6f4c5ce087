package dev.replyflow.messaging;

import java.time.Instant;

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

    private String text;

    private String template;

    @Column(name = "wa_message_id", unique = true)
    private String waMessageId;

    @Column(nullable = false)
    private String status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Message() {
    }

    public Message(Long contactId, Direction direction, String text, String template, String waMessageId, String status,
            Instant createdAt) {
        this.contactId = contactId;
        this.direction = direction;
        this.text = text;
        this.template = template;
        this.waMessageId = waMessageId;
        this.status = status;
        this.createdAt = createdAt;
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

    public String getStatus() {
        return status;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
