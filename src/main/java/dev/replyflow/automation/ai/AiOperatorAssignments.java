package dev.replyflow.automation.ai;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The table ai_operator: which contacts have an AI operator, with its settings. Joins the caller's transaction
 * (the step's, or the handover's). Lists are stored one item per line.
 */
@Repository
class AiOperatorAssignments {

    private final JdbcTemplate jdbc;

    AiOperatorAssignments(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Assigns the AI operator to the contact, replacing the settings of an earlier assignment. */
    void assign(Long contactId, AiSettings settings, Instant at) {
        // delete + insert rather than MERGE/ON CONFLICT, whose syntax H2 and PostgreSQL do not share
        jdbc.update("DELETE FROM ai_operator WHERE contact_id = ?", contactId);
        jdbc.update("INSERT INTO ai_operator (contact_id, knowledge_base, handover_keywords, min_confidence, operators, "
                + "assigned_at) VALUES (?, ?, ?, ?, ?, ?)", contactId, join(settings.knowledgeBase()),
                join(settings.handoverKeywords()), settings.minConfidence(), join(settings.operators()),
                OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
    }

    Optional<AiSettings> find(Long contactId) {
        return jdbc.query("SELECT knowledge_base, handover_keywords, min_confidence, operators FROM ai_operator "
                + "WHERE contact_id = ?", (rs, row) -> new AiSettings(split(rs.getString(1)), split(rs.getString(2)),
                        rs.getDouble(3), split(rs.getString(4))), contactId).stream().findFirst();
    }

    /** Whether the contact has an AI operator and is not blocked: one indexed read per message stored. */
    boolean answersFor(Long contactId) {
        return !jdbc.queryForList("SELECT 1 FROM ai_operator a JOIN contact c ON c.id = a.contact_id "
                + "WHERE a.contact_id = ? AND c.blocked = FALSE", Integer.class, contactId).isEmpty();
    }

    /** @return whether this call removed it: of two concurrent handovers, only one goes on */
    boolean remove(Long contactId) {
        return jdbc.update("DELETE FROM ai_operator WHERE contact_id = ?", contactId) > 0;
    }

    private static String join(List<String> lines) {
        return lines.isEmpty() ? null : String.join("\n", lines);
    }

    private static List<String> split(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("\n")).filter(l -> !l.isBlank()).toList();
    }
}
