package dev.replyflow.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import dev.replyflow.support.ApiTest;
import dev.replyflow.support.Channel;
import dev.replyflow.support.Webhooks;

/** WhatsApp's pricing from 1 July 2025 (replyflow.billing.model=per-message), through the same API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "replyflow.billing.model=per-message",
        "spring.datasource.url=jdbc:h2:mem:replyflow-per-message;DB_CLOSE_DELAY=-1",
        "camunda.bpm.generate-unique-process-engine-name=true"}) // its own name: engines register by name JVM-wide
@DirtiesContext
class PerMessageBillingTest extends ApiTest {

    private Channel channel;

    @BeforeEach
    void setUp() {
        channel = new Channel(admin());
        channel.topUp("50");
        channel.template("promo_news", "MARKETING");
        channel.template("order_update", "UTILITY");
        channel.template("login_code", "AUTHENTICATION");
    }

    @Test
    void marketingAndAuthenticationTemplatesAreChargedPerMessage() {
        long contact = channel.contact(newPhone(), true);
        BigDecimal before = channel.balance();

        assertThat(channel.sendTemplate(contact, "promo_news").json().path("price").decimalValue()).isEqualByComparingTo("0.14");
        assertThat(channel.sendTemplate(contact, "promo_news").json().path("price").decimalValue()).isEqualByComparingTo("0.14");
        assertThat(channel.sendTemplate(contact, "login_code").json().path("price").decimalValue()).isEqualByComparingTo("0.14");

        assertThat(before.subtract(channel.balance())).isEqualByComparingTo("0.42");
        assertThat(channel.conversations(contact)).isEmpty(); // no conversations any more
    }

    @Test
    void utilityIsFreeInsideTheWindowAndServiceIsAlwaysFree() {
        String phone = newPhone();
        long contact = channel.contact(phone, true);
        assertThat(channel.sendTemplate(contact, "order_update").json().path("price").decimalValue()).isEqualByComparingTo("0.14");

        channel.customerWrites(phone, "Where is my parcel?");
        BigDecimal before = channel.balance();
        assertThat(channel.sendTemplate(contact, "order_update").json().path("price").decimalValue()).isEqualByComparingTo("0");
        assertThat(channel.sendText(contact, "It arrives tomorrow").json().path("price").decimalValue()).isEqualByComparingTo("0");
        assertThat(channel.balance()).isEqualByComparingTo(before);
    }

    @Test
    void aMessageThatFailsDeliveryIsNotCharged() {
        long contact = channel.contact(newPhone(), true);
        BigDecimal before = channel.balance();
        String wamid = channel.sendTemplate(contact, "promo_news").json().path("waMessageId").asText();
        assertThat(before.subtract(channel.balance())).isEqualByComparingTo("0.14");

        // WhatsApp reports it failed (the sandbox marks it delivered on its own, so report before that)
        deliverWhatsApp(Webhooks.status(wamid, "failed"));

        assertThat(channel.balance()).isEqualByComparingTo(before);
        assertThat(admin().get("/api/wallet/entries?limit=1").json().get(0).path("kind").asText()).isEqualTo("REFUND");
    }
}
