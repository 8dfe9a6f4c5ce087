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

    @Test
    void afterAChargeAndFinishedAutomationsNoTableHoldsThePhoneOrTheName() {
        String phone = newPhone();
        String name = "Zelinda Forgettable" + phone.substring(phone.length() - 4);
        long id = admin().post("/api/contacts", "{\"phone\":\"" + phone + "\",\"name\":\"" + name + "\"}").json().path("id").asLong();
        admin().post("/api/wallet/top-ups", "{\"amount\":5}");
        admin().post("/api/sandbox/inbound", "{\"from\":\"" + phone + "\",\"text\":\"Hi, I am " + name + "\"}");
        assertThat(admin().post("/api/contacts/" + id + "/messages", "{\"text\":\"Hello " + name + "\"}").status()).isEqualTo(201);
        // a finished automation started without the phone as business key still kept the contact in its variables
        String finished = runtimeService.createProcessInstanceByKey("welcome-reply").businessKey("campaign-7")
                .setVariables(java.util.Map.of("contactId", id, "contactPhone", phone, "greeting", "Ciao " + name))
                .startAfterActivity("no-response-timer").execute().getId();
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(finished).finished().count()).isEqualTo(1);
        runtimeService.startProcessInstanceByKey("welcome-reply", phone, java.util.Map.of("contactId", id, "contactPhone", phone));
        assertThat(tablesContaining(phone)).isNotEmpty();

        assertThat(admin().delete("/api/contacts/" + id).status()).isEqualTo(204);

        assertThat(tablesContaining(phone)).isEmpty();
        assertThat(tablesContaining(phone.substring(1))).isEmpty(); // WhatsApp's wa_id form, without +
        assertThat(tablesContaining(name)).isEmpty();
    }

    /** Every table and text or binary column, Camunda's included, where the value occurs. */
    private List<String> tablesContaining(String value) {
        List<java.util.Map<String, Object>> columns = jdbc.queryForList("select table_name, column_name, data_type "
                + "from information_schema.columns where lower(table_schema) = 'public'");
        List<String> found = new java.util.ArrayList<>();
        byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (var column : columns) {
            String table = column.get("TABLE_NAME").toString();
            String name = column.get("COLUMN_NAME").toString();
            String type = column.get("DATA_TYPE").toString().toUpperCase(Locale.ROOT);
            if (type.contains("CHAR")) {
                Long hits = jdbc.queryForObject("select count(*) from \"" + table + "\" where cast(\"" + name
                        + "\" as varchar) like ?", Long.class, "%" + value + "%");
                if (hits > 0) {
                    found.add(table + "." + name);
                }
            } else if (type.contains("BINARY") || type.contains("BLOB")) {
                List<byte[]> blobs = jdbc.queryForList("select \"" + name + "\" from \"" + table + "\" where \"" + name
                        + "\" is not null", byte[].class);
                if (blobs.stream().anyMatch(b -> indexOf(b, bytes) >= 0)) {
                    found.add(table + "." + name);
                }
            }
        }
        return found;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
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
