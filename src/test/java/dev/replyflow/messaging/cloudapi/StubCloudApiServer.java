package dev.replyflow.messaging.cloudapi;

import java.io.IOException;
import java.time.Duration;

import dev.replyflow.support.StubHttpServer;

/** A local stand-in for graph.facebook.com: records every request and answers what the test set. */
class StubCloudApiServer extends StubHttpServer {

    // kept, so that a delay set before or after the answer applies to it
    private Reply reply = Reply.json(200, "{}");

    StubCloudApiServer() throws IOException {
        answers(reply);
    }

    String baseUrl() {
        return url("/v21.0");
    }

    synchronized StubCloudApiServer answer(int status, String contentType, String body) {
        return play(Reply.of(status, contentType, body).after(reply.delay()));
    }

    StubCloudApiServer answerJson(int status, String body) {
        return answer(status, "application/json", body);
    }

    synchronized StubCloudApiServer delay(Duration delay) {
        return play(reply.after(delay));
    }

    Request onlyRequest() {
        return only();
    }

    private StubCloudApiServer play(Reply reply) {
        this.reply = reply;
        answers(reply);
        return this;
    }
}
