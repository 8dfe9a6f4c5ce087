package dev.replyflow.support;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for a remote HTTP service, on 127.0.0.1 and a free port: records every request and answers
 * what the test set for "METHOD /path", else the queued answers in order (the last one repeats), else 404.
 * The stubs of particular services extend it with their own answers.
 */
public class StubHttpServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request as received; the body is kept as sent, since a signature is computed over the exact bytes. */
    public record Request(String method, String path, String query, Map<String, List<String>> headers, byte[] bytes) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> String.join(",", e.getValue())).findFirst().orElse(null);
        }

        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(bytes);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body(), e);
            }
        }

        @Override
        public String toString() {
            return method + " " + path + (query == null ? "" : "?" + query) + " " + body();
        }
    }

    /** An answer, sent after {@code delay}; a null body goes out empty (a subclass may fill it in first). */
    public record Reply(int status, String body, Map<String, String> headers, Duration delay) {

        public static Reply of(int status, String contentType, String body) {
            return new Reply(status, body, Map.of("Content-Type", contentType), Duration.ZERO);
        }

        public static Reply json(int status, String body) {
            return of(status, "application/json", body);
        }

        public static Reply text(int status, String body) {
            return of(status, "text/plain", body);
        }

        public Reply after(Duration delay) {
            return new Reply(status, body, headers, delay);
        }

        public Reply withBody(String body) {
            return new Reply(status, body, headers, delay);
        }
    }

    private final HttpServer server;
    // a pool, so that a deliberately slow answer holds up neither other requests nor closing the server
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Function<Request, Reply>> routes = new ConcurrentHashMap<>();
    private final Deque<Reply> answers = new ArrayDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    public StubHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public StubHttpServer on(String method, String path, Function<Request, Reply> answer) {
        routes.put(method + " " + path, answer);
        return this;
    }

    public StubHttpServer on(String method, String path, Reply reply) {
        return on(method, path, request -> reply);
    }

    /** Replaces the queued answers for requests no route takes. */
    public synchronized StubHttpServer answers(Reply... queue) {
        answers.clear();
        answers.addAll(List.of(queue));
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    public Request only(String method, String path) {
        return single(requests(method, path), method + " " + path);
    }

    public Request only() {
        return single(requests(), "request");
    }

    /** Forgets the requests, the routes and the queued answers. */
    public synchronized void reset() {
        requests.clear();
        routes.clear();
        answers.clear();
    }

    /** The answer to {@code request}; a subclass may complete it. */
    protected Reply reply(Request request) {
        Function<Request, Reply> route = routes.get(request.method() + " " + request.path());
        if (route != null) {
            return route.apply(request);
        }
        Reply queued = nextQueued();
        return queued != null ? queued
                : Reply.json(404, "{\"message\":\"No stub for " + request.method() + " " + request.path() + "\"}");
    }

    private synchronized Reply nextQueued() {
        return answers.size() > 1 ? answers.poll() : answers.peek();
    }

    private Request single(List<Request> matching, String what) {
        if (matching.size() != 1) {
            throw new AssertionError("expected one " + what + ", got " + matching.size() + " of " + requests);
        }
        return matching.get(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()),
                    exchange.getRequestBody().readAllBytes());
            requests.add(request);
            Reply reply = reply(request);
            if (!reply.delay().isZero()) {
                Thread.sleep(reply.delay().toMillis());
            }
            byte[] bytes = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
            reply.headers().forEach(exchange.getResponseHeaders()::set);
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

    /** Stops at once: a slow answer still pending is interrupted and its connection closed. May be called again. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
