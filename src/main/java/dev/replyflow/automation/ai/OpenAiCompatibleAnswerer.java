package dev.replyflow.automation.ai;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Answers with a model behind an OpenAI-compatible chat completions API (OpenAI, Azure-style proxies, Ollama,
 * vLLM …). The model gets the knowledge base in the system prompt and must answer only from it, or reply
 * HANDOVER. Its answer counts as confidence 1, HANDOVER as 0, and so does an answer it cannot use (another 4xx, no
 * content), logged. A model that cannot be asked now (no connection, a timeout, 429, 5xx) throws AnswererUnavailable:
 * the question is asked again later.
 */
@Component
@ConditionalOnProperty(name = "replyflow.ai.answerer", havingValue = AiProperties.OPENAI)
public class OpenAiCompatibleAnswerer implements Answerer {

    static final String HANDOVER = "HANDOVER";
    private static final Pattern HANDOVER_WORD = Pattern.compile("\\b" + HANDOVER + "\\b");
    private static final int LOGGED_BODY_CHARS = 300;
    private static final Logger log = LoggerFactory.getLogger(OpenAiCompatibleAnswerer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AiProperties.OpenAi config;
    private final URI endpoint;
    private final HttpClient http;

    public OpenAiCompatibleAnswerer(AiProperties properties) {
        this.config = properties.openai();
        if (config.apiKey() == null) {
            throw new IllegalStateException("replyflow.ai.answerer=openai needs replyflow.ai.openai.api-key (for a local "
                    + "server that checks none, any value)");
        }
        this.endpoint = URI.create(config.baseUrl() + "/chat/completions");
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER) // a redirect would carry the key to another host
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public Answer answer(String question, AiSettings settings) {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + config.apiKey())
                .POST(HttpRequest.BodyPublishers.ofByteArray(requestBody(question, settings))).build();
        CompletableFuture<HttpResponse<String>> sent = http.sendAsync(request,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            // the request timeout ends with the response headers; this deadline also bounds a slowly trickling body
            response = sent.get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            sent.cancel(true);
            throw unavailable("did not answer within " + config.requestTimeout());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof java.net.http.HttpTimeoutException
                    && !(e.getCause() instanceof java.net.http.HttpConnectTimeoutException)) {
                // the client's own request timeout, the same deadline as above, can fire first
                throw unavailable("did not answer within " + config.requestTimeout());
            }
            throw unavailable("cannot be reached (" + (e.getCause() == null ? e : e.getCause()).getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sent.cancel(true);
            throw unavailable("was interrupted (shutting down)");
        }
        int status = response.statusCode();
        if (status == 429 || status / 100 == 5) {
            throw unavailable("answered " + status + ": " + excerpt(response.body()));
        }
        if (status / 100 != 2) {
            log.warn("AI answerer {} answered {}: {}; handing the chat over", endpoint, status, excerpt(response.body()));
            return Answer.none();
        }
        return fromReply(response.body());
    }

    /** Logged, and the message of what the chat's note says should the failure last: no key in either. */
    private AnswererUnavailable unavailable(String what) {
        String message = "AI answerer " + endpoint + " " + what;
        log.warn("{}: asking again later", message);
        return new AnswererUnavailable(message);
    }

    private Answer fromReply(String body) {
        String content;
        try {
            content = JSON.readTree(body).path("choices").path(0).path("message").path("content").asText("");
        } catch (IOException e) {
            log.warn("AI answerer {} answered something that is not JSON: {}; handing the chat over", endpoint, excerpt(body));
            return Answer.none();
        }
        if (content.isBlank()) {
            log.warn("AI answerer {} answered no content: {}; handing the chat over", endpoint, excerpt(body));
            return Answer.none();
        }
        // never send the customer a HANDOVER, even wrapped in other words
        return HANDOVER_WORD.matcher(content).find() ? Answer.none() : new Answer(content.strip(), 1);
    }

    byte[] requestBody(String question, AiSettings settings) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", config.model());
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", systemPrompt(settings));
        messages.addObject().put("role", "user").put("content", question);
        body.put("temperature", 0); // the same question gets the same answer
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String systemPrompt(AiSettings settings) {
        String knowledgeBase = settings.knowledgeBase().isEmpty() ? "(empty)" : String.join("\n", settings.knowledgeBase());
        return "You are the virtual operator of a business, answering its customers on WhatsApp. Answer only with "
                + "information from the knowledge base below, briefly, in the customer's language. If the knowledge base "
                + "does not answer the customer's message, or the customer asks for a person, reply with exactly the word "
                + HANDOVER + " and nothing else.\n\nKnowledge base (one entry per line: question keywords => answer):\n"
                + knowledgeBase;
    }

    /** A bounded piece of an answer for the log, without the key should a server echo it. */
    private String excerpt(String body) {
        String text = body == null ? "" : body.replace(config.apiKey(), "<api-key>");
        return text.length() > LOGGED_BODY_CHARS ? text.substring(0, LOGGED_BODY_CHARS) + "…" : text;
    }
}
