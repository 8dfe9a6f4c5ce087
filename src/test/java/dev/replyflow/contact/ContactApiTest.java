package dev.replyflow.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import dev.replyflow.support.Api.Response;
import dev.replyflow.web.ApiException;
import dev.replyflow.support.ApiTest;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContactApiTest extends ApiTest {

    @Autowired
    ContactRepository contacts;

    @Autowired
    ContactService contactService;

    @Autowired
    TagRepository tags;

    @Autowired
    PlatformTransactionManager transactions;

    @BeforeAll
    void defineFields() {
        for (String field : List.of("{\"name\":\"city\",\"type\":\"TEXT\"}", "{\"name\":\"birthday\",\"type\":\"DATE\"}",
                "{\"name\":\"vip\",\"type\":\"BOOLEAN\"}", "{\"name\":\"score\",\"type\":\"NUMBER\"}")) {
            int status = admin().post("/api/fields", field).status();
            assertThat(status).isIn(201, 409);
        }
    }

    @Test
    void aPhoneIsStoredInE164FromTheDefaultRegion() {
        String local = "320 " + newPhone().substring(6); // written the Italian way, without +39
        Response created = admin().post("/api/contacts", "{\"phone\":\"" + local + "\",\"name\":\"Mario Rossi\",\"language\":\"it\"}");

        assertThat(created.status()).isEqualTo(201);
        JsonNode contact = created.json();
        assertThat(contact.path("phone").asText()).isEqualTo("+39" + local.replace(" ", ""));
        JsonNode read = admin().get("/api/contacts/" + contact.path("id").asLong()).json();
        assertThat(read.path("name").asText()).isEqualTo("Mario Rossi");
        assertThat(read.path("blocked").asBoolean()).isFalse();
        assertThat(read.path("marketingConsent").asBoolean()).isFalse();
        assertThat(read.path("tags").isArray()).isTrue();
        assertThat(read.path("lists").isArray()).isTrue();
        assertThat(read.path("fields").isObject()).isTrue();

        Response found = admin().get("/api/contacts?phone=" + local.replace(" ", ""));
        assertThat(found.json()).hasSize(1);
        assertThat(found.json().get(0).path("id").asLong()).isEqualTo(contact.path("id").asLong());
    }

    @Test
    void anInvalidPhoneIsA400NamingTheFieldAndCreatesNothing() {
        long before = contacts.count();
        Response response = admin().post("/api/contacts", "{\"phone\":\"12345\",\"name\":\"Nobody\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("field").asText()).isEqualTo("phone");
        assertThat(response.json().path("detail").asText()).contains("12345");
        assertThat(contacts.count()).isEqualTo(before);
    }

    @Test
    void theSamePhoneWrittenDifferentlyIsAConflict() {
        String phone = newPhone();
        assertThat(admin().post("/api/contacts", "{\"phone\":\"" + phone + "\"}").status()).isEqualTo(201);
        String spaced = "+39 " + phone.substring(3, 6) + " " + phone.substring(6);

        Response again = admin().post("/api/contacts", "{\"phone\":\"" + spaced + "\"}");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("field").asText()).isEqualTo("phone");
    }

    @Test
    void dynamicFieldsKeepTheirTypes() {
        Response created = admin().post("/api/contacts", "{\"phone\":\"" + newPhone() + "\",\"fields\":"
                + "{\"city\":\"Roma\",\"birthday\":\"1990-05-17\",\"vip\":\"yes\",\"score\":\"12.50\"}}");

        assertThat(created.status()).isEqualTo(201);
        JsonNode fields = created.json().path("fields");
        assertThat(fields.path("city").asText()).isEqualTo("Roma");
        assertThat(fields.path("birthday").asText()).isEqualTo("1990-05-17");
        assertThat(fields.path("vip").isBoolean()).isTrue();
        assertThat(fields.path("vip").asBoolean()).isTrue();
        assertThat(fields.path("score").isNumber()).isTrue();
        assertThat(fields.path("score").decimalValue()).isEqualByComparingTo("12.5");

        long id = created.json().path("id").asLong();
        JsonNode patched = admin().patch("/api/contacts/" + id, "{\"fields\":{\"city\":null,\"score\":7}}").json();
        assertThat(patched.path("fields").has("city")).isFalse();
        assertThat(patched.path("fields").path("score").asInt()).isEqualTo(7);
    }

    @Test
    void aWronglyTypedOrUnknownFieldIsRejectedWithItsNameAndNothingIsWritten() {
        String phone = newPhone();
        Response badDate = admin().post("/api/contacts", "{\"phone\":\"" + phone + "\",\"fields\":{\"birthday\":\"17/05/1990\"}}");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.json().path("field").asText()).isEqualTo("fields.birthday");
        assertThat(badDate.json().path("detail").asText()).contains("YYYY-MM-DD");

        Response unknown = admin().post("/api/contacts", "{\"phone\":\"" + phone + "\",\"fields\":{\"shoe_size\":42}}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("field").asText()).isEqualTo("fields.shoe_size");

        assertThat(contacts.findByPhone(phone)).isEmpty();
    }

    @Test
    void tagsAreCreatedOnFirstUseAndFilterContacts() {
        long id = admin().post("/api/contacts", "{\"phone\":\"" + newPhone() + "\"}").json().path("id").asLong();
        String tag = "vip-" + id;

        JsonNode tagged = admin().post("/api/contacts/" + id + "/tags", "{\"tag\":\"" + tag + "\"}").json();
        assertThat(tagged.path("tags").toString()).contains(tag);
        JsonNode found = admin().get("/api/contacts?tag=" + tag).json();
        assertThat(found).hasSize(1);
        assertThat(found.get(0).path("id").asLong()).isEqualTo(id);

        JsonNode untagged = admin().delete("/api/contacts/" + id + "/tags/" + tag).json();
        assertThat(untagged.path("tags")).isEmpty();
        assertThat(admin().get("/api/contacts?tag=" + tag).json()).isEmpty();
    }

    @Test
    void aTagWhoseFirstUseRolledBackIsCreatedAtItsNextUse() {
        long id = admin().post("/api/contacts", "{\"phone\":\"" + newPhone() + "\"}").json().path("id").asLong();
        String tag = "rolled-back-" + id;
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            contactService.tag(id, tag); // the tag's row is made here, then rolled back with the rest
            status.setRollbackOnly();
        });
        assertThat(tags.existsById(tag)).isFalse();

        Response tagged = admin().post("/api/contacts/" + id + "/tags", "{\"tag\":\"" + tag + "\"}");

        assertThat(tagged.status()).isEqualTo(200);
        assertThat(tagged.json().path("tags").toString()).contains(tag);
        assertThat(tags.existsById(tag)).isTrue();
    }

    @Test
    void anAutomationsAddTagAndTheContactItsTransactionHoldsSeeEachOther() {
        long id = admin().post("/api/contacts", "{\"phone\":\"" + newPhone() + "\"}").json().path("id").asLong();
        String updatedBefore = admin().get("/api/contacts/" + id).json().path("updatedAt").asText();
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            contactService.tag(id, "first-" + id); // the contact not read: in SQL
            Contact held = contacts.findById(id).orElseThrow();
            contactService.tag(id, "second-" + id); // held, its tags not read: in SQL too
            assertThat(held.getTags()).containsExactlyInAnyOrder("first-" + id, "second-" + id);
            contactService.tag(id, "third-" + id); // held with its tags: through them
            contactService.tag(id, "first-" + id); // had it
            assertThat(held.getTags()).containsExactlyInAnyOrder("first-" + id, "second-" + id, "third-" + id);
        });

        JsonNode read = admin().get("/api/contacts/" + id).json();
        assertThat(read.path("tags").toString()).contains("first-" + id, "second-" + id, "third-" + id);
        assertThat(read.path("tags")).hasSize(3);
        assertThat(read.path("updatedAt").asText()).isNotEqualTo(updatedBefore);
        assertThatThrownBy(() -> contactService.tag(Long.MAX_VALUE, "first-" + id)).isInstanceOf(ApiException.class)
                .hasMessageContaining("No contact with id");
    }

    @Test
    void marketingConsentKeepsWhenHowAndByWhom() {
        Response created = admin().post("/api/contacts",
                "{\"phone\":\"" + newPhone() + "\",\"marketingConsent\":true,\"marketingConsentSource\":\"web form\"}");
        long id = created.json().path("id").asLong();
        assertThat(created.json().path("marketingConsentSource").asText()).isEqualTo("web form");
        assertThat(created.json().path("marketingConsentAt").isTextual()).isTrue();

        JsonNode revoked = admin().patch("/api/contacts/" + id, "{\"marketingConsent\":false,\"marketingConsentSource\":\"phone call\"}").json();
        assertThat(revoked.path("marketingConsent").asBoolean()).isFalse();

        JsonNode history = admin().get("/api/contacts/" + id + "/consent-history").json();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).path("granted").asBoolean()).isTrue();
        assertThat(history.get(0).path("source").asText()).isEqualTo("web form");
        assertThat(history.get(1).path("granted").asBoolean()).isFalse();
        assertThat(history.get(1).path("source").asText()).isEqualTo("phone call");
        assertThat(history.get(1).path("changedBy").asText()).isEqualTo("admin");
    }

    @Test
    void blockUnreadOperatorsAndNotes() {
        long id = admin().post("/api/contacts", "{\"phone\":\"" + newPhone() + "\"}").json().path("id").asLong();
        String path = "/api/contacts/" + id;

        JsonNode patched = admin().patch(path, "{\"blocked\":true,\"unread\":true}").json();
        assertThat(patched.path("blocked").asBoolean()).isTrue();
        assertThat(patched.path("unread").asBoolean()).isTrue();

        Response unknownOperator = admin().post(path + "/operators", "{\"username\":\"ghost\"}");
        assertThat(unknownOperator.status()).isEqualTo(400);
        assertThat(unknownOperator.json().path("field").asText()).isEqualTo("username");
        assertThat(admin().post(path + "/operators", "{\"username\":\"admin\"}").json().path("operators").get(0).asText())
                .isEqualTo("admin");

        assertThat(admin().post(path + "/notes", "{\"text\":\"Prefers calls after 6pm\"}").status()).isEqualTo(201);
        JsonNode notes = admin().get(path + "/notes").json();
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).path("author").asText()).isEqualTo("admin");

        Response phoneChange = admin().patch(path, "{\"phone\":\"" + newPhone() + "\"}");
        assertThat(phoneChange.status()).isEqualTo(400);
        assertThat(phoneChange.json().path("field").asText()).isEqualTo("phone");
    }

    @Test
    void unknownContactIsA404Problem() {
        Response response = admin().get("/api/contacts/987654321");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void malformedJsonIsA400Problem() {
        Response response = admin().post("/api/contacts", "{\"phone\": ");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        Response wrongType = admin().post("/api/contacts", "{\"phone\":\"" + newPhone() + "\",\"blocked\":\"maybe\"}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().path("field").asText()).isEqualTo("blocked");
    }
}
