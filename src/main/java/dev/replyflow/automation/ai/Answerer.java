package dev.replyflow.automation.ai;

/**
 * What finds the AI operator's answer to a customer message: the built-in knowledge base or an OpenAI-compatible
 * model, chosen by {@code replyflow.ai.answerer}. It never throws for an answer it cannot give: it returns
 * {@link Answer#none()}, and the chat is handed over. When it cannot be asked now it throws (AnswererUnavailable):
 * the question is asked again later.
 */
public interface Answerer {

    Answer answer(String question, AiSettings settings);
}
