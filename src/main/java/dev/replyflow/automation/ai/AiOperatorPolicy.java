package dev.replyflow.automation.ai;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Decides whether the AI operator answers a customer message or hands the chat over to people: a handover
 * keyword wins before any answer is looked for; then an answer below the minimum confidence hands over. An answerer
 * that fails throws (AiOperatorReplies asks again later).
 */
@Component
class AiOperatorPolicy {

    private final Answerer answerer;

    AiOperatorPolicy(Answerer answerer) {
        this.answerer = answerer;
    }

    AiDecision decide(String message, AiSettings settings) {
        if (message == null || message.isBlank()) {
            return AiDecision.handover("the customer sent a message without text");
        }
        Optional<String> keyword = handoverKeyword(message, settings.handoverKeywords());
        if (keyword.isPresent()) {
            return AiDecision.handover("the customer asked for a person (\"" + keyword.get() + "\")");
        }
        // an answerer that breaks throws: the answer is asked again later, and handed over when it keeps failing
        Answer answer = answerer.answer(message, settings);
        if (!answer.hasText() || answer.confidence() < settings.minConfidence()) {
            return AiDecision.handover(String.format(Locale.ROOT, "no confident answer (confidence %.2f, minimum %.2f)",
                    answer.hasText() ? answer.confidence() : 0, settings.minConfidence()));
        }
        return AiDecision.reply(answer.text());
    }

    /** The first handover keyword (a word or phrase) that the message contains as whole words. */
    static Optional<String> handoverKeyword(String message, List<String> keywords) {
        List<String> words = Words.all(message);
        return keywords.stream().filter(keyword -> Words.containsPhrase(words, Words.all(keyword))).findFirst();
    }
}
