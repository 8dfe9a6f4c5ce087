package dev.replyflow.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

import dev.replyflow.ticket.TicketService.TicketRequest;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import dev.replyflow.support.Api.Response;
import dev.replyflow.support.ApiTest;

@RecordApplicationEvents
class TicketApiTest extends ApiTest {

    @Autowired
    ApplicationEvents events;
    @Autowired
    TicketService tickets;

    @Test
    void aTicketKeepsItsStatusHistoryAndPublishesEveryChange() {
        long contact = admin().post("/api/contacts", "{\"phone\":\"" + newPhone() + "\"}").json().path("id").asLong();

        Response opened = admin().post("/api/tickets", "{\"contactId\":" + contact + ",\"subject\":\"Order 1042 is late\","
                + "\"priority\":\"HIGH\",\"assignee\":\"admin\"}");
        assertThat(opened.status()).isEqualTo(201);
        long id = opened.json().path("id").asLong();
        assertThat(opened.json().path("status").asText()).isEqualTo("OPEN");

        admin().patch("/api/tickets/" + id, "{\"status\":\"PENDING\"}");
        JsonNode closed = admin().patch("/api/tickets/" + id, "{\"status\":\"CLOSED\"}").json();

        assertThat(closed.path("status").asText()).isEqualTo("CLOSED");
        JsonNode history = closed.path("history");
        assertThat(history).hasSize(3);
        assertThat(history.get(0).path("from").isNull()).isTrue();
        assertThat(history.get(1).path("from").asText()).isEqualTo("OPEN");
        assertThat(history.get(1).path("to").asText()).isEqualTo("PENDING");
        assertThat(history.get(2).path("to").asText()).isEqualTo("CLOSED");
        assertThat(history.get(2).path("changedBy").asText()).isEqualTo("admin");
    }

    /** Events are recorded on the test's own thread, so this one calls the service directly. */
    @Test
    void everyStatusChangeIsPublishedForTriggersButOtherEditsAreNot() {
        long contact = admin().post("/api/contacts", "{\"phone\":\"" + newPhone() + "\"}").json().path("id").asLong();
        long id = tickets.open(new TicketRequest(contact, "Question", null, null, null), "admin").id();

        tickets.update(id, new TicketRequest(null, null, TicketStatus.OPEN, TicketPriority.LOW, null), "admin");
        tickets.update(id, new TicketRequest(null, null, TicketStatus.CLOSED, null, null), "olivia");

        assertThat(events.stream(TicketStatusChanged.class).filter(e -> e.ticketId() == id))
                .extracting(TicketStatusChanged::from, TicketStatusChanged::to, TicketStatusChanged::changedBy)
                .containsExactly(tuple(null, TicketStatus.OPEN, "admin"), tuple(TicketStatus.OPEN, TicketStatus.CLOSED, "olivia"));
        assertThat(events.stream(TicketStatusChanged.class).filter(e -> e.ticketId() == id)).allMatch(e -> e.contactId() == contact);
    }

    @Test
    void badTicketInputNamesTheField() {
        Response noContact = admin().post("/api/tickets", "{\"contactId\":99999999,\"subject\":\"x\"}");
        assertThat(noContact.status()).isEqualTo(400);
        assertThat(noContact.json().path("field").asText()).isEqualTo("contactId");

        long contact = admin().post("/api/contacts", "{\"phone\":\"" + newPhone() + "\"}").json().path("id").asLong();
        Response badStatus = admin().post("/api/tickets", "{\"contactId\":" + contact + ",\"subject\":\"x\",\"status\":\"DONE\"}");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().path("field").asText()).isEqualTo("status");

        Response noSubject = admin().post("/api/tickets", "{\"contactId\":" + contact + "}");
        assertThat(noSubject.status()).isEqualTo(400);
        assertThat(noSubject.json().path("field").asText()).isEqualTo("subject");

        assertThat(admin().patch("/api/tickets/99999999", "{\"status\":\"CLOSED\"}").status()).isEqualTo(404);
    }
}
