package dev.replyflow.automation.ai;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The AI operator's answerer ({@code replyflow.ai.*}): {@code knowledge-base} (default, built in, no network) or
 * {@code openai}, any OpenAI-compatible chat completions API ({@code replyflow.ai.openai.*}).
 */
@ConfigurationProperties(prefix = "replyflow.ai")
public record AiProperties(String answerer, OpenAi openai) {

    public static final String KNOWLEDGE_BASE = "knowledge-base";
    public static final String OPENAI = "openai";

    public AiProperties {
        answerer = answerer == null || answerer.isBlank() ? KNOWLEDGE_BASE : answerer.strip();
        if (!answerer.equals(KNOWLEDGE_BASE) && !answerer.equals(OPENAI)) {
            // without this, a typo would start an application whose AI operators have no answerer bean
            throw new IllegalArgumentException("replyflow.ai.answerer is '" + answerer + "': use " + KNOWLEDGE_BASE
                    + " or " + OPENAI);
        }
        if (openai == null) {
            openai = new OpenAi(null, null, null, null, null);
        }
    }

    /** An OpenAI-compatible endpoint: {@code POST {baseUrl}/chat/completions} with {@code Bearer apiKey}. */
    public record OpenAi(String baseUrl, String apiKey, String model, Duration connectTimeout, Duration requestTimeout) {

        public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
        public static final String DEFAULT_MODEL = "gpt-4o-mini";
        public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
        public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

        public OpenAi {
            baseUrl = baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : baseUrl.strip().replaceAll("/+$", "");
            apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
            model = model == null || model.isBlank() ? DEFAULT_MODEL : model.strip();
            connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
            requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
        }

        /** The record's own toString would print the API key into any log that prints the configuration. */
        @Override
        public String toString() {
            return "OpenAi[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "<not set>" : "<hidden>") + ", model="
                    + model + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout + "]";
        }
    }
}
