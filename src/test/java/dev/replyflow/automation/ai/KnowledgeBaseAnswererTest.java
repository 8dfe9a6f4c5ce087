package dev.replyflow.automation.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The built-in answerer's scoring: word overlap with a line's keywords, accents and case folded. */
class KnowledgeBaseAnswererTest {

    private final KnowledgeBaseAnswerer answerer = new KnowledgeBaseAnswerer();

    private static AiSettings knowledgeBase(String... lines) {
        return AiSettings.of(List.of(lines), List.of(), null, List.of());
    }

    private static final AiSettings SHOP = knowledgeBase(
            "opening hours, when are you open => We are open Monday to Friday, 9 to 18.",
            "orari di apertura => Siamo aperti dal lunedì al venerdì, 9-18.",
            "shipping cost, spedizione costo => Shipping is free above 50 EUR.",
            "return policy, reso => You can return any item within 30 days.");

    @Test
    void aQuestionWithAllOfALinesKeywordsGetsItsAnswerWithFullConfidence() {
        Answer answer = answerer.answer("Hi! What are your opening hours?", SHOP);

        assertThat(answer.text()).isEqualTo("We are open Monday to Friday, 9 to 18.");
        assertThat(answer.confidence()).isEqualTo(1.0);
    }

    @Test
    void accentsCaseAndPunctuationAreFolded() {
        Answer answer = answerer.answer("QUAL È L'ORARIO DI APERTURA???", SHOP);

        assertThat(answer.text()).startsWith("Siamo aperti");
        assertThat(answer.confidence()).isEqualTo(1.0); // orario meets orari, apertura meets apertura
        assertThat(Words.fold("Perché È già COSÌ")).isEqualTo("perche e gia cosi");
    }

    @Test
    void singularAndPluralMeetButDifferentWordsDoNot() {
        assertThat(Words.stem("spedizioni")).isEqualTo(Words.stem("spedizione"));
        assertThat(Words.stem("prices")).isEqualTo(Words.stem("price"));
        assertThat(Words.stem("operatori")).isEqualTo(Words.stem("operatore")).isEqualTo(Words.stem("operator"));
        assertThat(Words.stem("agenda")).isNotEqualTo(Words.stem("agent"));
        assertThat(answerer.answer("Quanto costano le spedizioni?", SHOP).text()).startsWith("Shipping is free");
    }

    @Test
    void confidenceIsTheShareOfTheBestAlternativesKeywordsFound() {
        Answer half = answerer.answer("hours?", SHOP);
        assertThat(half.text()).startsWith("We are open");
        assertThat(half.confidence()).isCloseTo(0.5, within(1e-9));

        Answer alternative = answerer.answer("I want to make a return", SHOP); // "reso" or "return policy" (1 of 2)
        assertThat(alternative.text()).startsWith("You can return");
        assertThat(alternative.confidence()).isCloseTo(0.5, within(1e-9));

        assertThat(answerer.answer("Can I return it? What is the policy", SHOP).confidence()).isEqualTo(1.0);
    }

    @Test
    void theBestLineWinsThenTheOneMatchingMoreKeywordsThenTheAnalystsOrder() {
        AiSettings settings = knowledgeBase("delivery => first", "delivery time => second", "delivery => third");

        assertThat(answerer.answer("delivery time please", settings).text()).isEqualTo("second");
        assertThat(answerer.answer("delivery", settings).text()).isEqualTo("first");
    }

    @Test
    void nothingInCommonFillersOnlyOrAnEmptyKnowledgeBaseIsNoAnswer() {
        assertThat(answerer.answer("Do you sell gift cards?", SHOP)).isEqualTo(Answer.none());
        assertThat(answerer.answer("Hi, can you please...", SHOP)).isEqualTo(Answer.none());
        assertThat(answerer.answer("opening hours", knowledgeBase())).isEqualTo(Answer.none());
    }
}
