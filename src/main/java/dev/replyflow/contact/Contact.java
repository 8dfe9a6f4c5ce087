package dev.replyflow.contact;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.hibernate.annotations.BatchSize;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;

/** A person Replyflow chats with, identified by a phone number in E.164. */
@Entity
@Table(name = "contact")
public class Contact {

    public static final java.time.Duration SERVICE_WINDOW = java.time.Duration.ofHours(24);

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private String phone;

    private String name;

    private String language;

    @Column(name = "marketing_consent", nullable = false)
    private boolean marketingConsent;

    @Column(name = "marketing_consent_at")
    private Instant marketingConsentAt;

    @Column(name = "marketing_consent_source")
    private String marketingConsentSource;

    @Column(nullable = false)
    private boolean blocked;

    @Column(nullable = false)
    private boolean unread;

    /** When the contact last wrote: the 24h customer service window runs from here. */
    @Column(name = "last_inbound_at")
    private Instant lastInboundAt;

    /**
     * When the contact was last sent a business-initiated message (a template outside their 24h window), the unit of
     * WhatsApp's messaging limit. Written only by BusinessInitiatedReach.reached (never by saving the entity,
     * which could carry an older value back).
     */
    @Column(name = "business_initiated_at", insertable = false, updatable = false)
    private Instant businessInitiatedAt;

    /** When the contact last answered after an automation had stopped waiting for the answer. */
    @Column(name = "last_late_reply_at")
    private Instant lastLateReplyAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @ElementCollection
    @BatchSize(size = 100)
    @CollectionTable(name = "contact_tag", joinColumns = @JoinColumn(name = "contact_id"))
    @Column(name = "tag")
    private Set<String> tags = new HashSet<>();

    @ElementCollection
    @BatchSize(size = 100)
    @CollectionTable(name = "contact_field", joinColumns = @JoinColumn(name = "contact_id"))
    @MapKeyColumn(name = "field")
    @Column(name = "field_value", nullable = false)
    private Map<String, String> fields = new HashMap<>();

    @ElementCollection
    @BatchSize(size = 100)
    @CollectionTable(name = "contact_operator", joinColumns = @JoinColumn(name = "contact_id"))
    @Column(name = "username")
    private Set<String> operators = new HashSet<>();

    protected Contact() {
    }

    public Contact(String phone, Instant now) {
        this.phone = phone;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Records a consent decision; the caller keeps its history (ConsentChange). */
    void setMarketingConsent(boolean granted, String source, Instant at) {
        this.marketingConsent = granted;
        this.marketingConsentSource = source;
        this.marketingConsentAt = at;
    }

    /** Opens (or refreshes) the 24h customer service window; an older, late-delivered message changes nothing. */
    public void messageReceivedAt(Instant at) {
        if (lastInboundAt == null || at.isAfter(lastInboundAt)) {
            lastInboundAt = at;
        }
        unread = true;
    }

    /** Free text may be sent only within 24 hours of the contact's last message. */
    public boolean serviceWindowOpenAt(Instant now) {
        return lastInboundAt != null && now.isBefore(lastInboundAt.plus(SERVICE_WINDOW));
    }

    public Instant getLastLateReplyAt() {
        return lastLateReplyAt;
    }

    public Instant getLastInboundAt() {
        return lastInboundAt;
    }

    public Instant getBusinessInitiatedAt() {
        return businessInitiatedAt;
    }

    void touch(Instant now) {
        this.updatedAt = now;
    }

    public Long getId() {
        return id;
    }

    public String getPhone() {
        return phone;
    }

    public String getName() {
        return name;
    }

    void setName(String name) {
        this.name = name;
    }

    public String getLanguage() {
        return language;
    }

    void setLanguage(String language) {
        this.language = language;
    }

    public boolean isMarketingConsent() {
        return marketingConsent;
    }

    public Instant getMarketingConsentAt() {
        return marketingConsentAt;
    }

    public String getMarketingConsentSource() {
        return marketingConsentSource;
    }

    public boolean isBlocked() {
        return blocked;
    }

    void setBlocked(boolean blocked) {
        this.blocked = blocked;
    }

    public boolean isUnread() {
        return unread;
    }

    public void setUnread(boolean unread) {
        this.unread = unread;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Set<String> getTags() {
        return tags;
    }

    public Map<String, String> getFields() {
        return fields;
    }

    public Set<String> getOperators() {
        return operators;
    }
}
