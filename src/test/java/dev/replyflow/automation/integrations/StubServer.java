package dev.replyflow.automation.integrations;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for the services on 127.0.0.1: records every request and answers what the test set for
 * "METHOD /path" (404 otherwise).
 */
class StubServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> String.join(",", e.getValue())).findFirst().orElse(null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    record Reply(int status, String contentType, String body, Duration delay) {

        static Reply json(int status, String body) {
            return new Reply(status, "application/json", body, Duration.ZERO);
        }

        static Reply text(int status, String body) {
            return new Reply(status, "text/plain", body, Duration.ZERO);
        }

        Reply after(Duration delay) {
            return new Reply(status, contentType, body, delay);
        }
    }

    private final HttpServer server;
    // a pool, so a deliberately slow answer does not block closing the server
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Function<Request, Reply>> routes = new ConcurrentHashMap<>();

    StubServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url(String prefix) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + prefix;
    }

    StubServer on(String method, String path, Function<Request, Reply> answer) {
        routes.put(method + " " + path, answer);
        return this;
    }

    StubServer on(String method, String path, Reply reply) {
        return on(method, path, request -> reply);
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    Request only(String method, String path) {
        List<Request> matching = requests(method, path);
        if (matching.size() != 1) {
            throw new AssertionError("expected one " + method + " " + path + ", got " + matching.size() + " of " + requests);
        }
        return matching.get(0);
    }

    void reset() {
        requests.clear();
        routes.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body);
            requests.add(request);
            Reply reply = routes.getOrDefault(request.method() + " " + request.path(),
                    r -> Reply.json(404, "{\"message\":\"No stub for " + r.method() + " " + r.path() + "\"}")).apply(request);
            if (!reply.delay().isZero()) {
                Thread.sleep(reply.delay().toMillis());
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
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
