package dev.replyflow.automation.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The step's parameters as settings: defaults, and what is refused at assignment rather than at a customer message. */
class AiSettingsTest {

    @Test
    void defaultsAndTolerantParsing() {
        AiSettings settings = AiSettings.of(List.of(" a, b => c ", " "), List.of(), " ", null);

        assertThat(settings.minConfidence()).isEqualTo(0.5);
        assertThat(settings.handoverKeywords()).isEqualTo(AiSettings.DEFAULT_HANDOVER_KEYWORDS);
        assertThat(settings.operators()).isEmpty();
        assertThat(settings.knowledgeBase()).containsExactly("a, b => c");
        assertThat(settings.entries()).containsExactly(new KnowledgeEntry(List.of("a", "b"), "c"));
        assertThat(AiSettings.of(List.of(), List.of(), "0,7", List.of()).minConfidence()).isEqualTo(0.7);
        assertThat(AiSettings.of(List.of("x => y => z"), List.of(), "1", List.of()).entries().get(0).answer()).isEqualTo("y => z");
    }

    @Test
    void misconfigurationsAreRefusedWithTheirReason() {
        assertThatThrownBy(() -> AiSettings.of(List.of(), List.of(), "1.5", List.of()))
                .hasMessage("minConfidence 1.5 is not between 0 and 1");
        assertThatThrownBy(() -> AiSettings.of(List.of(), List.of(), "high", List.of()))
                .hasMessage("minConfidence 'high' is not a number between 0 and 1");
        assertThatThrownBy(() -> AiSettings.of(List.of("a => b", "just a sentence"), List.of(), null, List.of()))
                .hasMessage("knowledgeBase line 2 'just a sentence' is not 'question keywords => answer'");
        assertThatThrownBy(() -> AiSettings.of(List.of(" , => b"), List.of(), null, List.of()))
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> AiSettings.of(List.of("a =>"), List.of(), null, List.of())).hasMessageContaining("line 1");
        assertThatThrownBy(() -> AiSettings.of(List.of("a => " + "x".repeat(100_000)), List.of(), null, List.of()))
                .hasMessageContaining("at most 100000");
    }
}
