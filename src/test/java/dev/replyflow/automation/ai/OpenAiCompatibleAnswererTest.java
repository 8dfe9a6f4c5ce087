package dev.replyflow.automation.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The OpenAI-compatible client against a local stub: the exact request, then an answer, HANDOVER, a 401 (hands over),
 * a 500, a timeout, no server (asked again later).
 */
@ExtendWith(OutputCaptureExtension.class)
class OpenAiCompatibleAnswererTest {

    private static final String KEY = "sk-test-4f9a1c";
    private static final AiSettings SETTINGS = AiSettings.of(List.of("opening hours, when are you open => 9-18 Mon-Fri",
            "shipping => free above 50 EUR"), List.of(), "0.5", List.of());

    private StubChatServer stub;
    private OpenAiCompatibleAnswerer answerer;

    @BeforeEach
    void start() throws Exception {
        stub = new StubChatServer();
        answerer = new OpenAiCompatibleAnswerer(new AiProperties("openai", new AiProperties.OpenAi(stub.baseUrl() + "/",
                KEY, "test-model", Duration.ofSeconds(2), Duration.ofMillis(500))));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void postsTheQuestionWithTheKnowledgeBaseAndSendsTheModelsAnswer() throws Exception {
        stub.completion("We are open 9-18, Monday to Friday.");

        Answer answer = answerer.answer("Quando siete aperti?", SETTINGS);

        assertThat(answer).isEqualTo(new Answer("We are open 9-18, Monday to Friday.", 1));
        assertThat(stub.received()).hasSize(1);
        StubChatServer.Request request = stub.received().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(request.body())).isEqualTo(json.readTree("""
                {"model":"test-model",
                 "messages":[
                   {"role":"system","content":"You are the virtual operator of a business, answering its customers on WhatsApp. Answer only with information from the knowledge base below, briefly, in the customer's language. If the knowledge base does not answer the customer's message, or the customer asks for a person, reply with exactly the word HANDOVER and nothing else.\\n\\nKnowledge base (one entry per line: question keywords => answer):\\nopening hours, when are you open => 9-18 Mon-Fri\\nshipping => free above 50 EUR"},
                   {"role":"user","content":"Quando siete aperti?"}],
                 "temperature":0}
                """));
    }

    @Test
    void handoverIsNoConfidenceAndNeverSentToTheCustomer() {
        stub.completion("HANDOVER");
        assertThat(answerer.answer("Can I pay with bitcoin?", SETTINGS)).isEqualTo(Answer.none());

        stub.completion("Sorry, I don't know. HANDOVER.");
        assertThat(answerer.answer("Can I pay with bitcoin?", SETTINGS).confidence()).isZero();
    }

    @Test
    void aServerErrorIsLoggedWithoutTheKeyAndAskedAgainLater(CapturedOutput output) {
        stub.answer(500, "{\"error\":{\"message\":\"overloaded, key " + KEY + "\"}}", Duration.ZERO);

        assertThatThrownBy(() -> answerer.answer("opening hours?", SETTINGS)).isInstanceOf(AnswererUnavailable.class)
                .hasMessageContaining("answered 500").hasMessageNotContaining(KEY);

        assertThat(output.getAll()).contains("answered 500").contains("overloaded").doesNotContain(KEY);
    }

    @Test
    void aRefusalThatWillNotPassByItselfHandsOver(CapturedOutput output) {
        stub.answer(401, "{\"error\":{\"message\":\"Incorrect API key provided\"}}", Duration.ZERO);

        assertThat(answerer.answer("opening hours?", SETTINGS)).isEqualTo(Answer.none());
        assertThat(output.getAll()).contains("answered 401");
    }

    @Test
    void aTimeoutIsLoggedAndAskedAgainLaterInTime(CapturedOutput output) {
        stub.answer(200, "{}", Duration.ofSeconds(5));

        long started = System.nanoTime();
        assertThatThrownBy(() -> answerer.answer("opening hours?", SETTINGS)).isInstanceOf(AnswererUnavailable.class);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(output.getAll()).contains("did not answer within PT0.5S");
    }

    @Test
    void anEmptyAnswerHandsOverAndAnUnreachableServerIsAskedAgainLater() {
        stub.answer(200, "{\"choices\":[]}", Duration.ZERO);
        assertThat(answerer.answer("opening hours?", SETTINGS)).isEqualTo(Answer.none());

        stub.close();
        assertThatThrownBy(() -> answerer.answer("opening hours?", SETTINGS)).isInstanceOf(AnswererUnavailable.class)
                .hasMessageContaining("cannot be reached");
    }
}
