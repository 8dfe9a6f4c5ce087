package dev.replyflow.automation.ai;

/**
 * The answerer cannot be asked right now (no connection, a timeout, a 429 or 5xx): unlike an answer it cannot give,
 * which hands the chat over at once, the question is asked again later (AiAnswerRetries) until
 * {@code replyflow.ai.give-up-after}.
 */
public class AnswererUnavailable extends RuntimeException {

    public AnswererUnavailable(String message) {
        super(message);
    }
}
