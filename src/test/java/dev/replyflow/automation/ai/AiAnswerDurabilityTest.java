package dev.replyflow.automation.ai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import dev.replyflow.support.ApiTest;
import dev.replyflow.support.Channel;
import dev.replyflow.support.TestBpmn;
import dev.replyflow.support.Webhooks;

/**
 * The AI operator's answer is a durable duty, against an OpenAI-compatible stand-in that goes down: an answer its model
 * could not give is outstanding (listed for admins), sent once the model is back, sent once however often its duty is
 * published again (a restart, a retry racing another node, a crash after the send), and handed to people when the
 * model stays down past give-up-after.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "replyflow.ai.answerer=openai",
        "replyflow.ai.openai.api-key=sk-durable-test",
        "replyflow.ai.openai.request-timeout=2s",
        "replyflow.ai.give-up-after=PT1M",
        "replyflow.ai.retry-interval=PT1H", // the test asks again itself
        "spring.datasource.url=jdbc:h2:mem:replyflow-ai-durable;DB_CLOSE_DELAY=-1",
        "camunda.bpm.generate-unique-process-engine-name=true"})
@DirtiesContext
class AiAnswerDurabilityTest extends ApiTest {

    private static final StubChatServer MODEL = start();
    private static final String DOWN = "{\"error\":{\"message\":\"The server is overloaded\"}}";
    private static final String HOURS = "We are open Monday to Friday, 9 to 18.";

    private static StubChatServer start() {
        try {
            return new StubChatServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void model(DynamicPropertyRegistry registry) {
        registry.add("replyflow.ai.openai.base-url", MODEL::baseUrl);
    }

    @AfterAll
    static void stop() {
        MODEL.close();
    }

    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    AiOperatorReplies replies;
    @Autowired
    IncompleteEventPublications publications;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    PlatformTransactionManager transactions;

    private Channel channel;

    @BeforeEach
    void setUp() {
        channel = new Channel(admin());
        channel.topUp("20");
        repository.createDeployment().name("ai-durable").enableDuplicateFiltering(true).addString("ai-durable.bpmn",
                TestBpmn.process("ai-durable", TestBpmn.chain(TestBpmn.step("ai", "aiOperator", false, "knowledgeBase",
                        "opening hours => " + HOURS), "ai"))).deploy();
    }

    private long contactWithAiOperator(String phone) {
        long contact = channel.contact(phone, false);
        runtime.startProcessInstanceByKey("ai-durable", phone, Map.of("contactId", contact));
        return contact;
    }

    /** The customer writes; the AI operator works on it on its own threads. */
    private void writes(String phone, String text) {
        channel.customerWrites(phone, text);
        settle();
    }

    private void settle() {
        Awaitility.await().until(replies::idle);
    }

    private List<JsonNode> messages(long contact, String direction) {
        JsonNode messages = admin().get("/api/contacts/" + contact + "/messages").json();
        return java.util.stream.StreamSupport.stream(messages.spliterator(), false)
                .filter(m -> m.path("direction").asText().equals(direction)).toList();
    }

    private List<String> answers(long contact) {
        return messages(contact, "OUTBOUND").stream().map(m -> m.path("text").asText()).toList();
    }

    private List<Long> outstanding() {
        JsonNode list = admin().get("/api/ai-operator/outstanding").json();
        return list.findValues("messageId").stream().map(JsonNode::asLong).toList();
    }

    /** The customer asks while the model is down: the question, unanswered and outstanding. */
    private JsonNode askedWhileTheModelIsDown(String phone, long contact) {
        MODEL.answer(503, DOWN, Duration.ZERO);
        writes(phone, "What are your opening hours?");
        List<JsonNode> inbound = messages(contact, "INBOUND");
        JsonNode question = inbound.get(inbound.size() - 1);
        assertThat(answers(contact)).isEmpty();
        assertThat(outstanding()).contains(question.path("id").asLong());
        return question;
    }

    private List<String> notes(long contact) {
        return admin().get("/api/contacts/" + contact + "/notes").json().findValuesAsText("text");
    }

    @Test
    void anAnswerTheModelCouldNotGiveIsOutstandingAndSentOnceTheModelIsBack() {
        String phone = newPhone();
        long contact = contactWithAiOperator(phone);

        long question = askedWhileTheModelIsDown(phone, contact).path("id").asLong();
        assertThat(notes(contact)).isEmpty(); // not handed over: asked again later

        MODEL.completion(HOURS);
        assertThat(admin().post("/api/ai-operator/outstanding/retry", "{}").json().path("retried").asInt()).isPositive();
        settle();

        assertThat(answers(contact)).containsExactly(HOURS);
        assertThat(outstanding()).doesNotContain(question);
        assertThat(admin().get("/api/contacts/" + contact).json().path("unread").asBoolean()).isFalse();
    }

    @Test
    void anOutstandingAnswerPublishedAgainByARestartOrAfterACrashMidAnswerIsSentOnce() {
        String phone = newPhone();
        long contact = contactWithAiOperator(phone);
        JsonNode question = askedWhileTheModelIsDown(phone, contact);
        MODEL.completion(HOURS);

        // two nodes starting at once both publish what is outstanding again
        publications.resubmitIncompletePublications(publication -> true);
        publications.resubmitIncompletePublications(publication -> true);
        settle();
        // a node killed after the send but before the duty was marked done: its duty comes back once more
        new TransactionTemplate(transactions).executeWithoutResult(status -> events.publishEvent(new AiAnswerDue(
                question.path("id").asLong(), contact, question.path("waMessageId").asText())));
        settle();

        assertThat(answers(contact)).containsExactly(HOURS);
        assertThat(outstanding()).doesNotContain(question.path("id").asLong());
    }

    @Test
    void aModelThatStaysDownPastGiveUpAfterHandsTheChatToPeople() {
        String phone = newPhone();
        long contact = contactWithAiOperator(phone);
        MODEL.answer(503, DOWN, Duration.ZERO);

        // written two minutes ago (WhatsApp delivered it late): past give-up-after at its first failure
        String late = Webhooks.textFrom(phone, "wamid.late-" + phone, "opening hours?").replaceAll(
                "\"timestamp\":\"\\d+\"", "\"timestamp\":\"" + Instant.now().minusSeconds(120).getEpochSecond() + "\"");
        assertThat(deliverWhatsApp(late).status()).isEqualTo(200);
        settle();

        assertThat(answers(contact)).isEmpty();
        assertThat(notes(contact)).singleElement().asString()
                .startsWith("AI operator handed over: the AI answerer kept failing for 2 minutes (AI answerer ")
                .contains("answered 503").doesNotContain("sk-durable-test");
        assertThat(outstanding()).doesNotContain(messages(contact, "INBOUND").get(0).path("id").asLong());
    }
}
