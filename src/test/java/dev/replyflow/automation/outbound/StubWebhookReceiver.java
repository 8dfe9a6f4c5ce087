package dev.replyflow.automation.outbound;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.replyflow.support.StubHttpServer;

/**
 * A webhook receiver on 127.0.0.1: records every request (raw body bytes included, see {@link Request#bytes()})
 * and gives the answers the test queued, in order; the last answer repeats. By default an empty 200.
 */
class StubWebhookReceiver extends StubHttpServer {

    StubWebhookReceiver() throws IOException {
        answers(new Reply(200, "", Map.of(), Duration.ZERO));
    }

    StubWebhookReceiver answer(int status, String body) {
        answers(json(status, body));
        return this;
    }

    static Reply json(int status, String body) {
        return Reply.json(status, body);
    }

    List<Request> received() {
        return requests();
    }
}
