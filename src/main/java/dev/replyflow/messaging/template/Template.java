package dev.replyflow.messaging.template;

import java.time.Instant;
import java.util.List;

import dev.replyflow.billing.ConversationCategory;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A WhatsApp message template in one language: the only way to write first, or outside the 24h window. */
@Entity
@Table(name = "template")
public class Template {

    public enum Status { PENDING, APPROVED, REJECTED, PAUSED, DISABLED }

    public enum HeaderType { TEXT, IMAGE, DOCUMENT, VIDEO }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String language;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ConversationCategory category;

    @Enumerated(EnumType.STRING)
    @Column(name = "header_type")
    private HeaderType headerType;

    @Column(name = "header_text")
    private String headerText;

    @Column(name = "header_link")
    private String headerLink;

    @Column(nullable = false)
    private String body;

    private String footer;

    @Convert(converter = TemplateButtonsConverter.class)
    @Column(nullable = false)
    private List<TemplateButton> buttons;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Template() {
    }

    Template(TemplateRequest r, String language, Status status, Instant now) {
        this.name = r.name();
        this.language = language;
        this.category = r.category();
        this.headerType = r.header() == null ? null : r.header().type();
        this.headerText = r.header() == null ? null : r.header().text();
        this.headerLink = r.header() == null ? null : r.header().link();
        this.body = r.body();
        this.footer = r.footer();
        this.buttons = r.buttons() == null ? List.of() : List.copyOf(r.buttons());
        this.status = status;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void setStatus(Status status, Instant now) {
        this.status = status;
        this.updatedAt = now;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getLanguage() {
        return language;
    }

    public ConversationCategory getCategory() {
        return category;
    }

    public HeaderType getHeaderType() {
        return headerType;
    }

    public String getHeaderText() {
        return headerText;
    }

    public String getHeaderLink() {
        return headerLink;
    }

    public String getBody() {
        return body;
    }

    public String getFooter() {
        return footer;
    }

    public List<TemplateButton> getButtons() {
        return buttons;
    }

    public Status getStatus() {
        return status;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
