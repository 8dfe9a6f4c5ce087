package dev.replyflow.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import dev.replyflow.messaging.Message;
import dev.replyflow.messaging.MessageRepository;
import dev.replyflow.messaging.MessageStatus;
import dev.replyflow.support.Api.Response;
import dev.replyflow.support.ApiTest;
import dev.replyflow.support.GeneratedCsv;
import dev.replyflow.web.ApiException;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListCsvTest extends ApiTest {

    @Autowired
    ContactRepository contacts;
    @Autowired
    MessageRepository messages;
    @Autowired
    ListCsvImporter importer;

    @BeforeAll
    void defineFields() {
        assertThat(admin().post("/api/fields", "{\"name\":\"town\",\"type\":\"TEXT\"}").status()).isIn(201, 409);
        assertThat(admin().post("/api/fields", "{\"name\":\"member\",\"type\":\"BOOLEAN\"}").status()).isIn(201, 409);
    }

    private long newList(String name) {
        Response created = admin().post("/api/lists", "{\"name\":\"" + name + "\"}");
        assertThat(created.status()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    @Test
    void listsAreCreatedOnceAndTakeMembers() {
        long list = newList("newsletter-csv");
        assertThat(admin().post("/api/lists", "{\"name\":\"newsletter-csv\"}").status()).isEqualTo(409);
        long contact = admin().post("/api/contacts", "{\"phone\":\"" + newPhone() + "\"}").json().path("id").asLong();

        assertThat(admin().post("/api/lists/" + list + "/members", "{\"contactId\":" + contact + "}").status()).isEqualTo(201);
        assertThat(admin().post("/api/lists/" + list + "/members", "{\"contactId\":" + contact + "}").status()).isEqualTo(201);

        assertThat(admin().get("/api/lists/" + list).json().path("size").asLong()).isEqualTo(1);
        assertThat(admin().get("/api/contacts/" + contact).json().path("lists").get(0).path("name").asText()).isEqualTo("newsletter-csv");
        Response unknownContact = admin().post("/api/lists/" + list + "/members", "{\"contactId\":987654321}");
        assertThat(unknownContact.status()).isEqualTo(400);
        assertThat(unknownContact.json().path("field").asText()).isEqualTo("contactId");
        assertThat(admin().post("/api/lists/987654321/members", "{\"contactId\":" + contact + "}").status()).isEqualTo(404);
    }

    @Test
    void importUpsertsByPhoneFillsFieldsAndRejectsBadRowsOneByOne() {
        long list = newList("import-mixed");
        String existing = newPhone();
        admin().post("/api/contacts", "{\"phone\":\"" + existing + "\",\"name\":\"Old name\",\"language\":\"en\"}");
        String fresh = newPhone();
        String duplicate = newPhone();
        String csv = "phone,name,language,town,member\n"
                + fresh + ",Anna Bianchi,it,Milano,yes\n"                          // line 2: new
                + existing.substring(3) + ",New name,,Torino,\n"                     // line 3: existing, written without +39
                + "12345,Nobody,it,Roma,no\n"                                        // line 4: invalid phone
                + duplicate + ",Carlo,it,Napoli\n"                                   // line 5: a column missing
                + duplicate + ",Carlo,it,Napoli,no\n"                                // line 6: good
                + "+39 " + duplicate.substring(3) + ",Carlo again,it,Bari,no\n"      // line 7: same phone as line 6
                + newPhone() + ",Dario,it,Pisa,perhaps\n"                            // line 8: not a boolean
                + "\n"                                                               // line 9: blank, ignored
                + "\"" + newPhone() + "\",\"Rossi, Elena\",xx-yy-zz,,\n";            // line 10: bad language

        Response response = admin().postCsv("/api/lists/" + list + "/import", csv);

        assertThat(response.status()).isEqualTo(200);
        JsonNode result = response.json();
        assertThat(result.path("imported").asInt()).isEqualTo(2);
        assertThat(result.path("updated").asInt()).isEqualTo(1);
        JsonNode rejected = result.path("rejected");
        assertThat(rejected).hasSize(5);
        assertThat(rejected.findValues("line")).extracting(JsonNode::asInt).containsExactly(4, 5, 7, 8, 10);
        assertThat(rejected.get(0).path("reason").asText()).startsWith("phone:").contains("12345");
        assertThat(rejected.get(1).path("reason").asText()).contains("expected 5 columns");
        assertThat(rejected.get(2).path("reason").asText()).contains("line 6");
        assertThat(rejected.get(3).path("reason").asText()).startsWith("member:").contains("perhaps");
        assertThat(rejected.get(4).path("reason").asText()).startsWith("language:");

        Contact anna = contacts.findByPhone(fresh).orElseThrow();
        JsonNode annaView = admin().get("/api/contacts/" + anna.getId()).json();
        assertThat(annaView.path("name").asText()).isEqualTo("Anna Bianchi");
        assertThat(annaView.path("fields").path("town").asText()).isEqualTo("Milano");
        assertThat(annaView.path("fields").path("member").asBoolean()).isTrue();
        JsonNode updated = admin().get("/api/contacts?phone=" + existing).json().get(0);
        assertThat(updated.path("name").asText()).isEqualTo("New name");
        assertThat(updated.path("language").asText()).isEqualTo("en"); // a blank cell leaves the value as it was
        assertThat(updated.path("fields").path("town").asText()).isEqualTo("Torino");
        assertThat(admin().get("/api/contacts?phone=" + duplicate).json().get(0).path("name").asText()).isEqualTo("Carlo");
        assertThat(admin().get("/api/lists/" + list).json().path("size").asLong()).isEqualTo(3);
    }

    @Test
    void aSemicolonSeparatedFileWithAByteOrderMarkImports() {
        long list = newList("import-semicolon");
        String phone = newPhone();
        Response response = admin().postCsv("/api/lists/" + list + "/import", "\uFEFFPhone;Name;Town\n" + phone + ";Zoe;Lecce\n");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("imported").asInt()).isEqualTo(1);
        assertThat(admin().get("/api/contacts?phone=" + phone).json().get(0).path("fields").path("town").asText()).isEqualTo("Lecce");
    }

    @Test
    void anUnknownListIsA404AndAnUnknownColumnA400BeforeAnythingIsWritten() {
        Response noList = admin().postCsv("/api/lists/987654321/import", "phone\n" + newPhone() + "\n");
        assertThat(noList.status()).isEqualTo(404);
        assertThat(noList.contentType()).startsWith("application/problem+json");

        long list = newList("import-bad-header");
        String phone = newPhone();
        Response badHeader = admin().postCsv("/api/lists/" + list + "/import", "phone,name,shoe_size\n" + phone + ",Ugo,42\n");
        assertThat(badHeader.status()).isEqualTo(400);
        assertThat(badHeader.json().path("field").asText()).isEqualTo("header");
        assertThat(badHeader.json().path("detail").asText()).contains("shoe_size");
        assertThat(contacts.findByPhone(phone)).isEmpty();

        Response noPhone = admin().postCsv("/api/lists/" + list + "/import", "name\nUgo\n");
        assertThat(noPhone.status()).isEqualTo(400);
        assertThat(noPhone.json().path("detail").asText()).contains("'phone'");
    }

    @Test
    void aFileThatBreaksMidwayWritesNothing() {
        long list = newList("import-broken-quote");
        String first = newPhone();
        String csv = "phone,name\n" + first + ",Ok\n" + newPhone() + ",\"never closed\n" + newPhone() + ",Lost\n";

        Response response = admin().postCsv("/api/lists/" + list + "/import", csv);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("field").asText()).isEqualTo("file");
        assertThat(response.json().path("detail").asText()).contains("Nothing was imported");
        assertThat(contacts.findByPhone(first)).isEmpty();
        assertThat(admin().get("/api/lists/" + list).json().path("size").asLong()).isZero();
    }

    @Test
    void a50MegabyteUploadIsRefusedWith413AndWritesNothing() {
        long list = newList("import-too-large");
        // answered from the declared length alone: not one byte of the body is ever sent
        String declared = admin().announceCsvUpload("/api/lists/" + list + "/import", 50L * 1024 * 1024);
        assertThat(declared).contains("HTTP/1.1 413").contains("Content-Type: application/problem+json")
                .contains("Nothing was imported");

        // A stream with no declared length (about 22 MB of valid rows): rows are written chunk by chunk until
        // the limit is crossed, then the transaction rolls back, so not even the first rows remain.
        GeneratedCsv rows = new GeneratedCsv(100_000, "328", 200);
        assertThatThrownBy(() -> importer.importInto(list, rows.stream()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(413);
                    assertThat(e.getMessage()).contains("Nothing was imported");
                });
        assertThat(contacts.findByPhone(rows.phone(0))).isEmpty();
        assertThat(admin().get("/api/lists/" + list).json().path("size").asLong()).isZero();
    }

    @Test
    void exportNeutralizesFormulasAndImportsBackUnchanged() {
        long list = newList("export-roundtrip");
        String phone = newPhone();
        long id = admin().post("/api/contacts", "{\"phone\":\"" + phone + "\",\"name\":\"=HYPERLINK(\\\"http://evil\\\",\\\"x\\\")\","
                + "\"language\":\"it\",\"fields\":{\"town\":\"@SUM(A1)\",\"member\":true}}").json().path("id").asLong();
        admin().post("/api/lists/" + list + "/members", "{\"contactId\":" + id + "}");

        Response export = admin().get("/api/lists/" + list + "/export");

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("text/csv");
        List<String> lines = export.body().lines().toList();
        assertThat(lines.get(0)).startsWith("phone,name,language,");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith("'" + phone + ",");
        assertThat(lines.get(1)).contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"").contains(",'@SUM(A1)");
        for (String cell : lines.get(1).split(",")) {
            assertThat(cell).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("@").doesNotStartWith("-");
        }

        long copy = newList("export-roundtrip-copy");
        JsonNode reimport = admin().postCsv("/api/lists/" + copy + "/import", export.body()).json();
        assertThat(reimport.path("updated").asInt()).isEqualTo(1);
        assertThat(reimport.path("rejected")).isEmpty();
        JsonNode after = admin().get("/api/contacts/" + id).json();
        assertThat(after.path("name").asText()).isEqualTo("=HYPERLINK(\"http://evil\",\"x\")");
        assertThat(after.path("fields").path("town").asText()).isEqualTo("@SUM(A1)");
        assertThat(after.path("lists")).hasSize(2);
    }

    @Test
    void aContactsChatExportsAsCsv() {
        long id = admin().post("/api/contacts", "{\"phone\":\"" + newPhone() + "\"}").json().path("id").asLong();
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        messages.save(new Message(id, Message.Direction.INBOUND, "Hi, is my order ready?", null, "wamid.chat-1", MessageStatus.RECEIVED, t));
        messages.save(new Message(id, Message.Direction.OUTBOUND, "=1+1 yes, today", null, "wamid.chat-2", MessageStatus.READ, t.plusSeconds(60)));

        Response export = admin().get("/api/contacts/" + id + "/messages/export");

        assertThat(export.status()).isEqualTo(200);
        List<String> lines = export.body().lines().toList();
        assertThat(lines).containsExactly(
                "createdAt,direction,text,template,status,waMessageId",
                "2026-03-01T10:00:00Z,INBOUND,\"Hi, is my order ready?\",,RECEIVED,wamid.chat-1",
                "2026-03-01T10:01:00Z,OUTBOUND,\"'=1+1 yes, today\",,READ,wamid.chat-2");
        assertThat(admin().get("/api/contacts/987654321/messages/export").status()).isEqualTo(404);
    }
}
