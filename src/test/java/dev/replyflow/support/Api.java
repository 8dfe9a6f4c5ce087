package dev.replyflow.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Real HTTP calls to the running test server, as a user (or anonymously). */
public final class Api {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String authorization;

    private Api(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    public static Api anonymous(int port) {
        return new Api("http://localhost:" + port, null);
    }

    public static Api as(int port, String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new Api("http://localhost:" + port, "Basic " + token);
    }

    /** An integration with an API token: Authorization: Bearer. */
    public static Api bearer(int port, String token) {
        return new Api("http://localhost:" + port, "Bearer " + token);
    }

    public record Response(int status, String contentType, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(BodyPublishers.ofString(json)));
    }

    public Response put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").PUT(BodyPublishers.ofString(json)));
    }

    public Response patch(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").method("PATCH", BodyPublishers.ofString(json)));
    }

    public Response postCsv(String path, String csv) {
        return postCsv(path, BodyPublishers.ofString(csv, StandardCharsets.UTF_8));
    }

    /** Streams the body: no Content-Length, sent chunked, never held whole in memory. */
    public Response postCsv(String path, Supplier<InputStream> body) {
        return postCsv(path, BodyPublishers.ofInputStream(body));
    }

    public Response postCsv(String path, BodyPublisher body) {
        return send(request(path).header("Content-Type", "text/csv").POST(body));
    }

    /**
     * Announces a CSV upload of {@code length} bytes and asks before sending it (Expect: 100-continue, as curl
     * does for large uploads); returns the raw response the server gives instead of asking for the body.
     */
    public String announceCsvUpload(String path, long length) {
        return announceUpload(path, "text/csv", length, java.util.Map.of());
    }

    /**
     * Announces a POST of {@code length} bytes with these headers and asks before sending it (Expect: 100-continue);
     * returns the raw response the server gives instead of asking for the body. The body is never sent, so a refusal
     * from the declared length is read whole, never cut by a connection closed under a body still on its way.
     */
    public String announceUpload(String path, String contentType, long length, java.util.Map<String, String> headers) {
        int port = URI.create(base).getPort();
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n");
            if (authorization != null) {
                head.append("Authorization: ").append(authorization).append("\r\n");
            }
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(length)
                    .append("\r\nExpect: 100-continue\r\n\r\n");
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A POST whose body is streamed with no declared length (sent chunked), with extra headers. */
    public Response postStreamed(String path, String contentType, Supplier<InputStream> body,
            java.util.Map<String, String> headers) {
        HttpRequest.Builder builder = request(path).header("Content-Type", contentType).POST(BodyPublishers.ofInputStream(body));
        headers.forEach(builder::header);
        return send(builder);
    }

    /** A POST of raw bytes with extra headers (a webhook delivery, say). */
    public Response post(String path, String contentType, byte[] body, java.util.Map<String, String> headers) {
        HttpRequest.Builder builder = request(path).header("Content-Type", contentType).POST(BodyPublishers.ofByteArray(body));
        headers.forEach(builder::header);
        return send(builder);
    }

    /** A multipart/form-data POST with one file part, as Camunda's deployment API expects. */
    public Response postFile(String path, String partName, String fileName, byte[] content) {
        String boundary = "replyflow-test-boundary";
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + partName + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        byte[] body = concat(head.getBytes(StandardCharsets.UTF_8), content, tail.getBytes(StandardCharsets.UTF_8));
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(BodyPublishers.ofByteArray(body)));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
