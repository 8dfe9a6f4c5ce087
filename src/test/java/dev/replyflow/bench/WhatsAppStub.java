package dev.replyflow.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for WhatsApp's Cloud API send endpoint, {@code POST /{phone-number-id}/messages}: answers like
 * Meta after a fixed latency, and counts the requests per recipient (a count above one is a duplicate send).
 */
final class WhatsAppStub implements AutoCloseable {

    static final String PHONE_NUMBER_ID = "106540352242922";
    private static final Pattern TO = Pattern.compile("\"to\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern REFERENCE = Pattern.compile("\"biz_opaque_callback_data\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(daemon());
    private final Duration latency;
    private final Map<String, AtomicInteger> sendsByRecipient = new ConcurrentHashMap<>();
    private final AtomicLong wamids = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong lastAnswerNanos = new AtomicLong();
    /** Where WhatsApp's "sent" status of each accepted message goes (KillCheck), or null for none. */
    private volatile StatusWebhooks statuses;

    /** Delivers a signed "sent" status (with the message's biz_opaque_callback_data) for every accepted message. */
    interface StatusWebhooks {
        void sent(String wamid, String recipient, String reference);
    }

    void statusesTo(StatusWebhooks statuses) {
        this.statuses = statuses;
    }

    WhatsAppStub(Duration latency) throws IOException {
        this.latency = latency;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v21.0";
    }

    /** Requests per recipient (wa_id without +). */
    Map<String, AtomicInteger> sendsByRecipient() {
        return sendsByRecipient;
    }

    /** Counts from zero again (after a warm-up). */
    void forget() {
        sendsByRecipient.clear();
        refused.set(0);
    }

    long requests() {
        return sendsByRecipient.values().stream().mapToLong(AtomicInteger::get).sum() + refused.get();
    }

    long refused() {
        return refused.get();
    }

    /** System.nanoTime() of the last send answered 200 (0 before the first). */
    long lastAnswerNanos() {
        return lastAnswerNanos.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            Matcher to = TO.matcher(new String(body, StandardCharsets.UTF_8));
            if (!"POST".equals(exchange.getRequestMethod()) || !path.endsWith("/" + PHONE_NUMBER_ID + "/messages")
                    || !to.find()) {
                refused.incrementAndGet();
                answer(exchange, 400, "{\"error\":{\"message\":\"(#100) Invalid parameter\",\"type\":\"OAuthException\","
                        + "\"code\":100,\"fbtrace_id\":\"bench\"}}");
                return;
            }
            String recipient = to.group(1).replace("+", "");
            sendsByRecipient.computeIfAbsent(recipient, r -> new AtomicInteger()).incrementAndGet();
            sleep(latency);
            String wamid = "wamid.bench-" + wamids.incrementAndGet();
            answer(exchange, 200, "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + to.group(1)
                    + "\",\"wa_id\":\"" + recipient + "\"}],\"messages\":[{\"id\":\"" + wamid + "\"}]}");
            lastAnswerNanos.accumulateAndGet(System.nanoTime(), Math::max);
            Matcher reference = REFERENCE.matcher(new String(body, StandardCharsets.UTF_8));
            if (statuses != null && reference.find()) {
                statuses.sent(wamid, recipient, reference.group(1));
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(Duration latency) {
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "whatsapp-stub-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
