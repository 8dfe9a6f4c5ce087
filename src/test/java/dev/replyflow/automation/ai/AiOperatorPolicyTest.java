package dev.replyflow.automation.ai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** When the AI operator answers and when it hands the chat over. */
class AiOperatorPolicyTest {

    private final List<String> asked = new ArrayList<>();

    private AiOperatorPolicy answering(Answer answer) {
        return new AiOperatorPolicy((question, settings) -> {
            asked.add(question);
            return answer;
        });
    }

    private static AiSettings settings(String minConfidence, String... handoverKeywords) {
        return AiSettings.of(List.of("opening hours => 9-18"), List.of(handoverKeywords), minConfidence, List.of());
    }

    @Test
    void aConfidentAnswerIsSent() {
        AiDecision decision = answering(new Answer("9-18", 0.5)).decide("opening hours?", settings("0.5"));

        assertThat(decision.handsOver()).isFalse();
        assertThat(decision.answer()).isEqualTo("9-18");
    }

    @Test
    void aDefaultHandoverKeywordHandsOverWithoutAskingTheAnswerer() {
        AiDecision decision = answering(new Answer("9-18", 1)).decide("Voglio parlare con una PERSONA!", settings(null));

        assertThat(decision.handsOver()).isTrue();
        assertThat(decision.handoverReason()).isEqualTo("the customer asked for a person (\"persona\")");
        assertThat(asked).isEmpty();
        assertThat(settings(null).handoverKeywords()).containsExactly("operator", "human", "agent", "operatore", "persona");
    }

    @Test
    void keywordsAreWholeWordsOrPhrasesAccentsAndCaseFolded() {
        AiSettings custom = settings(null, "talk to someone", "reclamo");

        assertThat(AiOperatorPolicy.handoverKeyword("Can I TALK to someone?", custom.handoverKeywords())).contains("talk to someone");
        assertThat(AiOperatorPolicy.handoverKeyword("Ho un reclamo", custom.handoverKeywords())).contains("reclamo");
        assertThat(AiOperatorPolicy.handoverKeyword("Someone I can talk to?", custom.handoverKeywords())).isEmpty();
        assertThat(AiOperatorPolicy.handoverKeyword("Un'altra persona, più umana", List.of("piu umana"))).contains("piu umana");
        assertThat(AiOperatorPolicy.handoverKeyword("operators please", AiSettings.DEFAULT_HANDOVER_KEYWORDS)).contains("operator");
        assertThat(AiOperatorPolicy.handoverKeyword("What's on the agenda?", AiSettings.DEFAULT_HANDOVER_KEYWORDS)).isEmpty();
        assertThat(AiOperatorPolicy.handoverKeyword("my personal data", AiSettings.DEFAULT_HANDOVER_KEYWORDS)).isEmpty();
    }

    @Test
    void anAnswerBelowTheMinimumConfidenceHandsOver() {
        AiDecision decision = answering(new Answer("9-18", 0.5)).decide("hours?", settings("0.75"));

        assertThat(decision.handsOver()).isTrue();
        assertThat(decision.handoverReason()).isEqualTo("no confident answer (confidence 0.50, minimum 0.75)");
    }

    @Test
    void noAnswerOrAMessageWithoutTextHandsOverAndAFailingAnswererIsLeftToBeAskedAgain() {
        assertThat(answering(Answer.none()).decide("gift cards?", settings("0")).handoverReason())
                .isEqualTo("no confident answer (confidence 0.00, minimum 0.00)");
        AiOperatorPolicy failing = new AiOperatorPolicy((question, settings) -> {
            throw new AnswererUnavailable("model down");
        });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> failing.decide("opening hours?", settings(null)))
                .isInstanceOf(AnswererUnavailable.class);
        assertThat(answering(new Answer("9-18", 1)).decide(null, settings(null)).handoverReason())
                .isEqualTo("the customer sent a message without text");
    }
}
