package dev.replyflow.automation.outbound;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on 127.0.0.1: records every request (raw body bytes included) and gives the answers the
 * test queued, in order; the last answer repeats.
 */
class StubWebhookReceiver implements AutoCloseable {

    record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> String.join(",", e.getValue())).findFirst().orElse(null);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    record Answer(int status, String body, Map<String, String> headers, Duration delay) {
    }

    private final HttpServer server;
    // a pool, so that a deliberately slow answer does not block closing the server
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Answer> answers = new ArrayDeque<>();

    StubWebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
        answers.add(new Answer(200, "", Map.of(), Duration.ZERO));
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Replaces the queued answers with these. */
    synchronized StubWebhookReceiver answers(Answer... queue) {
        answers.clear();
        answers.addAll(List.of(queue));
        return this;
    }

    StubWebhookReceiver answer(int status, String body) {
        return answers(json(status, body));
    }

    static Answer json(int status, String body) {
        return new Answer(status, body, Map.of("Content-Type", "application/json"), Duration.ZERO);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private synchronized Answer next() {
        return answers.size() > 1 ? answers.poll() : answers.peek();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), exchange.getRequestBody().readAllBytes()));
            Answer answer = next();
            if (!answer.delay().isZero()) {
                Thread.sleep(answer.delay().toMillis());
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            answer.headers().forEach(exchange.getResponseHeaders()::set);
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

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
