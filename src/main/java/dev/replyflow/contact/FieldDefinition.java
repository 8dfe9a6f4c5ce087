package dev.replyflow.contact;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A dynamic field, defined once (name and type) and filled per contact. */
@Entity
@Table(name = "field_definition")
public class FieldDefinition {

    @Id
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private FieldType type;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected FieldDefinition() {
    }

    public FieldDefinition(String name, FieldType type, Instant createdAt) {
        this.name = name;
        this.type = type;
        this.createdAt = createdAt;
    }

    public String getName() {
        return name;
    }

    public FieldType getType() {
        return type;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
