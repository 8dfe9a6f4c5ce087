package dev.replyflow.automation.ai;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.node.TextNode;

import dev.replyflow.support.StubHttpServer;

/** An OpenAI-compatible server on 127.0.0.1 that records each request and plays the answer the test set. */
class StubChatServer extends StubHttpServer {

    StubChatServer() throws IOException {
        answers(Reply.json(200, "{}"));
    }

    String baseUrl() {
        return url("/v1");
    }

    StubChatServer answer(int status, String body, Duration delay) {
        answers(Reply.json(status, body).after(delay));
        return this;
    }

    /** A chat completion whose message is {@code content}. */
    StubChatServer completion(String content) {
        return answer(200, """
                {"id":"chatcmpl-1","object":"chat.completion","model":"test-model","choices":[{"index":0,
                 "message":{"role":"assistant","content":%s},"finish_reason":"stop"}]}
                """.formatted(TextNode.valueOf(content).toString()), Duration.ZERO);
    }

    List<Request> received() {
        return requests();
    }
}
