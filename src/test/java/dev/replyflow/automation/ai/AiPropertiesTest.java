package dev.replyflow.automation.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class AiPropertiesTest {

    @Test
    void defaultsToTheKnowledgeBaseAndOpenAisPublicApi() {
        AiProperties properties = new AiProperties(null, null);

        assertThat(properties.answerer()).isEqualTo("knowledge-base");
        assertThat(properties.openai().baseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(properties.openai().model()).isEqualTo("gpt-4o-mini");
        assertThat(properties.openai().apiKey()).isNull();
        assertThat(properties.openai().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.openai().requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(new AiProperties.OpenAi("http://127.0.0.1:11434/v1/", " ", null, null, null).baseUrl())
                .isEqualTo("http://127.0.0.1:11434/v1");
    }

    @Test
    void anUnknownAnswererIsRefused() {
        assertThatThrownBy(() -> new AiProperties("chatgpt", null))
                .hasMessage("replyflow.ai.answerer is 'chatgpt': use knowledge-base or openai");
    }

    @Test
    void theApiKeyNeverShowsInToString() {
        AiProperties properties = new AiProperties("openai", new AiProperties.OpenAi(null, "sk-secret-123", null, null, null));

        assertThat(properties.toString()).doesNotContain("sk-secret-123").contains("apiKey=<hidden>");
    }

    @Test
    void theOpenAiAnswererNeedsAKey() {
        assertThatThrownBy(() -> new OpenAiCompatibleAnswerer(new AiProperties("openai", null)))
                .hasMessageContaining("replyflow.ai.openai.api-key");
    }
}
