package dev.replyflow.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import dev.replyflow.support.Api.Response;
import dev.replyflow.support.ApiTest;
import dev.replyflow.support.Channel;

/**
 * The examples of the reference's "WhatsApp conversations and their cost", one test each, plus the window
 * rules, with time moved by the sandbox clock. Prices: Italy, STARTER tier (0.14) unless a test tops up more.
 */
class ConversationBillingTest extends ApiTest {

    private static final BigDecimal ITALY_STARTER = new BigDecimal("0.14");

    private Channel channel;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void setUp() {
        channel = new Channel(admin());
        channel.topUp("50"); // a STARTER recharge: Italian conversations cost 0.14
        channel.template("promo_news", "MARKETING");
        channel.template("order_update", "UTILITY");
    }

    @Test
    void aTemplateToAHundredCustomersOpensAHundredPaidConversations() {
        BigDecimal before = channel.balance();
        for (int i = 0; i < 100; i++) {
            long contact = channel.contact(newPhone(), true);
            assertThat(channel.sendTemplate(contact, "promo_news").status()).isEqualTo(201);
            JsonNode conversations = channel.conversations(contact);
            assertThat(conversations).hasSize(1);
            assertThat(conversations.get(0).path("category").asText()).isEqualTo("MARKETING");
        }
        assertThat(before.subtract(channel.balance())).isEqualByComparingTo(ITALY_STARTER.multiply(BigDecimal.valueOf(100)));
    }

    @Test
    void aCustomerMessageAloneOpensNothingTheReplyOpensAServiceConversation() {
        String phone = newPhone();
        long contact = channel.contact(phone, false);
        BigDecimal before = channel.balance();

        channel.customerWrites(phone, "Hello, is the shop open?");
        assertThat(channel.conversations(contact)).isEmpty();
        assertThat(channel.balance()).isEqualByComparingTo(before);

        assertThat(channel.sendText(contact, "Yes, until 7pm").status()).isEqualTo(201);
        JsonNode conversations = channel.conversations(contact);
        assertThat(conversations).hasSize(1);
        assertThat(conversations.get(0).path("category").asText()).isEqualTo("SERVICE");
        assertThat(before.subtract(channel.balance())).isEqualByComparingTo(ITALY_STARTER);

        assertThat(channel.sendText(contact, "See you!").status()).isEqualTo(201);
        assertThat(channel.conversations(contact)).hasSize(1);
    }

    @Test
    void aSecondMarketingTemplateTenHoursLaterStaysInTheSameConversation() {
        long contact = channel.contact(newPhone(), true);
        BigDecimal before = channel.balance();
        channel.sendTemplate(contact, "promo_news");          // 11 a.m.
        channel.advance("PT10H");
        Response again = channel.sendTemplate(contact, "promo_news"); // 9 p.m.

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().path("price").decimalValue()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(channel.conversations(contact)).hasSize(1);
        assertThat(before.subtract(channel.balance())).isEqualByComparingTo(ITALY_STARTER);
    }

    @Test
    void aUtilityTemplateTenHoursAfterAMarketingOneOpensASecondConversationOf24Hours() {
        long contact = channel.contact(newPhone(), true);
        BigDecimal before = channel.balance();
        channel.sendTemplate(contact, "promo_news");
        channel.advance("PT10H");
        channel.sendTemplate(contact, "order_update");

        JsonNode conversations = channel.conversations(contact);
        assertThat(conversations).hasSize(2);
        assertThat(conversations.get(1).path("category").asText()).isEqualTo("UTILITY");
        Instant opened = Instant.parse(conversations.get(1).path("openedAt").asText());
        assertThat(Instant.parse(conversations.get(1).path("expiresAt").asText())).isEqualTo(opened.plus(Duration.ofHours(24)));
        assertThat(opened).isAfter(Instant.parse(conversations.get(0).path("openedAt").asText()).plus(Duration.ofHours(10)));
        assertThat(before.subtract(channel.balance())).isEqualByComparingTo(ITALY_STARTER.multiply(BigDecimal.valueOf(2)));
    }

    @Test
    void writingAgainTwoDaysLaterOpensAnotherPaidConversation() {
        long contact = channel.contact(newPhone(), true);
        channel.sendTemplate(contact, "promo_news");
        channel.advance("P2D");
        channel.sendTemplate(contact, "promo_news");

        assertThat(channel.conversations(contact)).hasSize(2);
    }

    @Test
    void freeTextNeedsTheCustomerServiceWindow() {
        String phone = newPhone();
        long contact = channel.contact(phone, true);

        Response closed = channel.sendText(contact, "Hi!");
        assertThat(closed.status()).isEqualTo(409);
        assertThat(closed.contentType()).startsWith("application/problem+json");
        assertThat(channel.sendTemplate(contact, "order_update").status()).isEqualTo(201); // templates go any time

        channel.customerWrites(phone, "I need help");
        channel.advance("PT23H");
        assertThat(channel.sendText(contact, "Still here for you").status()).isEqualTo(201);
        channel.advance("PT2H"); // 25 hours after the customer's message
        assertThat(channel.sendText(contact, "Anyone?").status()).isEqualTo(409);
        assertThat(admin().get("/api/contacts/" + contact + "/messages").json().findValuesAsText("text"))
                .doesNotContain("Hi!", "Anyone?");
    }

    @Test
    void freeTextInsideAnOpenConversationOfAnyCategoryOpensNoServiceConversation() {
        String phone = newPhone();
        long contact = channel.contact(phone, true);
        channel.sendTemplate(contact, "promo_news");
        channel.customerWrites(phone, "Tell me more");
        BigDecimal before = channel.balance();

        assertThat(channel.sendText(contact, "Here are the details").status()).isEqualTo(201);

        assertThat(channel.conversations(contact)).hasSize(1);
        assertThat(channel.balance()).isEqualByComparingTo(before);
    }

    @Test
    void withoutEnoughCreditNothingIsChargedOrSent() {
        long contact = channel.contact(newPhone(), true);
        jdbc.update("update wallet_lane set balance = case when lane = 0 then 0.10 else 0 end"); // less than one conversation
        BigDecimal balance = channel.balance();

        Response refused = channel.sendTemplate(contact, "promo_news");

        assertThat(refused.status()).isEqualTo(402);
        assertThat(refused.json().path("detail").asText()).contains("top up");
        assertThat(channel.balance()).isEqualByComparingTo(balance);
        assertThat(channel.conversations(contact)).isEmpty();
        assertThat(admin().get("/api/contacts/" + contact + "/messages").json()).isEmpty();
    }

    @Test
    void thePriceFollowsTheRecipientsCountryAndTheRechargeTier() {
        long italian = channel.contact(newPhone(), true);
        long german = channel.contact("+49 1512 345" + String.format("%04d", System.nanoTime() % 10_000), true);

        assertThat(channel.sendTemplate(german, "promo_news").json().path("price").decimalValue())
                .isEqualByComparingTo("0.16");
        channel.topUp("1000"); // an ENTERPRISE recharge
        assertThat(admin().get("/api/wallet").json().path("tier").asText()).isEqualTo("ENTERPRISE");
        assertThat(channel.sendTemplate(italian, "promo_news").json().path("price").decimalValue())
                .isEqualByComparingTo("0.10");
        channel.topUp("50"); // back to STARTER for the other tests
    }
}
