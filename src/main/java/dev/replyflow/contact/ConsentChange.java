package dev.replyflow.contact;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One grant or revocation of marketing consent: the proof of when, how and by whom. */
@Entity
@Table(name = "consent_change")
public class ConsentChange {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "contact_id", nullable = false)
    private Long contactId;

    @Column(nullable = false)
    private boolean granted;

    @Column(nullable = false)
    private String source;

    @Column(name = "changed_by")
    private String changedBy;

    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    protected ConsentChange() {
    }

    ConsentChange(Long contactId, boolean granted, String source, String changedBy, Instant changedAt) {
        this.contactId = contactId;
        this.granted = granted;
        this.source = source;
        this.changedBy = changedBy;
        this.changedAt = changedAt;
    }

    public boolean isGranted() {
        return granted;
    }

    public String getSource() {
        return source;
    }

    public String getChangedBy() {
        return changedBy;
    }

    public Instant getChangedAt() {
        return changedAt;
    }
}
