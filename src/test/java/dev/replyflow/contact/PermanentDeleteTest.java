package dev.replyflow.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.replyflow.messaging.Message;
import dev.replyflow.messaging.MessageRepository;
import dev.replyflow.messaging.MessageStatus;
import dev.replyflow.support.ApiTest;

class PermanentDeleteTest extends ApiTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MessageRepository messages;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    HistoryService historyService;

    @Test
    void deletingAContactRemovesItsPersonalDataEverywhere() {
        String phone = newPhone();
        long id = admin().post("/api/contacts", "{\"phone\":\"" + phone + "\",\"name\":\"Giulia\",\"marketingConsent\":true,"
                + "\"tags\":[\"to-forget\"]}").json().path("id").asLong();
        long list = admin().post("/api/lists", "{\"name\":\"delete-test\"}").json().path("id").asLong();
        admin().post("/api/lists/" + list + "/members", "{\"contactId\":" + id + "}");
        admin().post("/api/contacts/" + id + "/notes", "{\"text\":\"private note\"}");
        admin().post("/api/contacts/" + id + "/operators", "{\"username\":\"admin\"}");
        admin().post("/api/tickets", "{\"contactId\":" + id + ",\"subject\":\"Refund\"}");
        messages.save(new Message(id, Message.Direction.INBOUND, "hello", null, "wamid.delete-test", MessageStatus.RECEIVED, Instant.now()));
        String running = runtimeService.startProcessInstanceByKey("welcome-reply", phone).getId();
        assertThat(tablesHoldingContact(id)).isNotEmpty();

        assertThat(admin().delete("/api/contacts/" + id).status()).isEqualTo(204);

        assertThat(tablesHoldingContact(id)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from contact where phone = ?", Long.class, phone)).isZero();
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(running).count()).isZero();
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(phone).count()).isZero();
        assertThat(admin().get("/api/contacts/" + id).status()).isEqualTo(404);
        assertThat(admin().get("/api/lists/" + list).json().path("size").asLong()).isZero();
    }

    /** Every Replyflow table with a contact_id column that still has a row of this contact. */
    private List<String> tablesHoldingContact(long id) {
        List<String> tables = jdbc.queryForList("select table_name from information_schema.columns "
                + "where lower(table_schema) = 'public' and lower(column_name) = 'contact_id' and lower(table_name) not like 'act_%'", String.class);
        assertThat(tables).hasSizeGreaterThanOrEqualTo(8);
        return tables.stream().map(t -> t.toLowerCase(Locale.ROOT)).distinct()
                .filter(t -> jdbc.queryForObject("select count(*) from " + t + " where contact_id = ?", Long.class, id) > 0)
                .toList();
    }
}
