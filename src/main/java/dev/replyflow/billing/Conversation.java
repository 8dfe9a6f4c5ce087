package dev.replyflow.billing;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A paid 24-hour conversation of one category with one contact. */
@Entity
@Table(name = "conversation")
public class Conversation {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @JsonIgnore
    @Column(name = "contact_id", nullable = false)
    private Long contactId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ConversationCategory category;

    @Column(nullable = false)
    private String country;

    @Column(name = "opened_at", nullable = false)
    private Instant openedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(nullable = false)
    private BigDecimal price;

    @Column(nullable = false)
    private String currency;

    @JsonIgnore
    @Column(name = "message_id")
    private Long messageId;

    protected Conversation() {
    }

    Conversation(Long contactId, ConversationCategory category, String country, Instant openedAt, BigDecimal price,
            String currency) {
        this.contactId = contactId;
        this.category = category;
        this.country = country;
        this.openedAt = openedAt;
        this.expiresAt = openedAt.plus(java.time.Duration.ofHours(24));
        this.price = price;
        this.currency = currency;
    }

    public Long getId() {
        return id;
    }

    public Long getContactId() {
        return contactId;
    }

    public ConversationCategory getCategory() {
        return category;
    }

    public String getCountry() {
        return country;
    }

    public Instant getOpenedAt() {
        return openedAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public BigDecimal getPrice() {
        return price;
    }

    public String getCurrency() {
        return currency;
    }

    public Long getMessageId() {
        return messageId;
    }

    void setMessageId(Long messageId) {
        this.messageId = messageId;
    }
}
