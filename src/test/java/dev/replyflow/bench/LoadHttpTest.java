package dev.replyflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The benchmark's load client against a loopback server that answers the way it is told, one connection at a time. */
class LoadHttpTest {

    private ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void keepsOneConnectionAliveAndReadsChunkedAndSizedAnswers() throws Exception {
        serve(List.of(
                "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "3\r\n{\"a\r\n2\r\n\":\r\n2\r\n1}\r\n0\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"), false);
        try (LoadHttp http = new LoadHttp("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(10))) {
            LoadHttp.Answer first = http.post("/api/start", "application/json", "{\"phone\":\"+39333\"}",
                    Map.of("X-A", "1"));
            LoadHttp.Answer second = http.post("/webhooks/whatsapp", "application/json", "{}", Map.of());

            assertThat(first).isEqualTo(new LoadHttp.Answer(201, "{\"a\":1}"));
            assertThat(second).isEqualTo(new LoadHttp.Answer(200, ""));
        }
        assertThat(connections).hasValue(1);
        assertThat(bodies).containsExactly("{\"phone\":\"+39333\"}", "{}");
    }

    @Test
    void sendsAgainOnANewConnectionWhenTheServerClosedTheKeptOne() throws Exception {
        serve(List.of("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"), true); // then closes, saying nothing
        try (LoadHttp http = new LoadHttp("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(10))) {
            assertThat(http.post("/a", "text/plain", "one", Map.of()).status()).isEqualTo(200);
            assertThat(http.post("/a", "text/plain", "two", Map.of()).status()).isEqualTo(200);
        }
        assertThat(connections).hasValue(2);
        assertThat(bodies).containsExactly("one", "two"); // each sent once: the closed connection had read nothing
    }

    /** Answers each connection's requests with {@code answers} in turn; after the last, keeps or closes it. */
    private void serve(List<String> answers, boolean closeAfterAnswers) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    connections.incrementAndGet();
                    answer(socket, answers);
                    if (!closeAfterAnswers) {
                        socket.getInputStream().read(); // until the client closes
                    }
                } catch (IOException e) {
                    // the server closed, or the client went away
                }
            }
        }, "load-http-test-server");
        thread.setDaemon(true);
        thread.start();
    }

    private void answer(Socket socket, List<String> answers) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = socket.getOutputStream();
        for (String answer : answers) {
            int length = 0;
            for (String line; !(line = in.readLine()).isEmpty(); ) {
                if (line.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            char[] body = new char[length];
            for (int read = 0; read < length; ) {
                read += in.read(body, read, length - read);
            }
            bodies.add(new String(body));
            out.write(answer.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }
}
