package dev.replyflow.automation.voice;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Twilio's REST API on 127.0.0.1, as far as the Voice Call step uses it: records every request and gives the
 * answers the test queued, in order; the last one repeats. By default it accepts every call, as Twilio does.
 */
class StubTwilioApi implements AutoCloseable {

    static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    static final String AUTH_TOKEN = "test-twilio-auth-token";
    static final String CALLS_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Calls.json";

    record Request(String method, String path, Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> String.join(",", e.getValue())).findFirst().orElse(null);
        }

        /** The form fields, decoded, in the order sent. */
        Map<String, String> form() {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return fields;
        }
    }

    record Answer(int status, String body, Duration delay) {
    }

    private final HttpServer server;
    // a pool, so that a deliberately slow answer does not block closing the server
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Answer> answers = new ArrayDeque<>();
    private int calls;

    StubTwilioApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
        reset();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Forgets the requests; answers every call as created again. */
    synchronized void reset() {
        requests.clear();
        answers.clear();
        answers.add(created());
    }

    /** Replaces the queued answers with these. */
    synchronized StubTwilioApi answers(Answer... queue) {
        answers.clear();
        answers.addAll(List.of(queue));
        return this;
    }

    /** 201 with a new call SID, as Twilio answers a call it queued. */
    static Answer created() {
        return new Answer(201, null, Duration.ZERO);
    }

    static Answer answer(int status, String body) {
        return new Answer(status, body, Duration.ZERO);
    }

    static Answer slow(Duration delay) {
        return new Answer(201, null, delay);
    }

    /** Twilio's error document, as its API returns it for a 4xx or 5xx. */
    static Answer error(int status, int code, String message) {
        return answer(status, """
                {"code": %d, "message": "%s", "more_info": "https://www.twilio.com/docs/errors/%d", "status": %d}"""
                .formatted(code, message.replace("\"", "\\\""), code, status));
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private synchronized Answer next() {
        return answers.size() > 1 ? answers.poll() : answers.peek();
    }

    private synchronized String nextSid() {
        return "CA%032x".formatted(++calls);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            Answer answer = next();
            if (!answer.delay().isZero()) {
                Thread.sleep(answer.delay().toMillis());
            }
            String body = answer.body() != null ? answer.body() : callResource(nextSid());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    /** A Call resource as Twilio returns it on creation (the fields the step does not read shortened). */
    private static String callResource(String sid) {
        return """
                {"account_sid": "%s", "api_version": "2010-04-01", "caller_name": null,
                 "date_created": null, "date_updated": null, "direction": "outbound-api", "duration": null,
                 "from": "+390212345678", "from_formatted": "+39 02 1234 5678", "price": null, "price_unit": "USD",
                 "sid": "%s", "start_time": null, "status": "queued", "to": "+393201234567",
                 "uri": "/2010-04-01/Accounts/%s/Calls/%s.json"}""".formatted(ACCOUNT_SID, sid, ACCOUNT_SID, sid);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
