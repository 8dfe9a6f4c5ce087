package dev.replyflow.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The load clients' HTTP/1.1: one kept-alive socket per client thread, written in one piece and read blocking by the
 * thread that waits for the answer. JDK's HttpClient handed every answer from its selector thread through a worker to
 * the waiting thread, two more wake-ups per request on 2 busy cores, and in a PostgreSQL replies phase its threads took
 * about a tenth of the application's JVM samples, the load generator's cost counted against Replyflow (bare Camunda's
 * calls are Java calls).
 */
final class LoadHttp implements AutoCloseable {

    record Answer(int status, String body) {
    }

    private final InetSocketAddress server;
    private final int timeoutMillis;
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();

    LoadHttp(String host, int port, Duration timeout) {
        this.server = new InetSocketAddress(host, port);
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
    }

    /**
     * POSTs {@code body}. A kept-alive socket the server has closed meanwhile (its keep-alive timeout) fails or ends
     * before a byte of the answer comes: the request goes once more on a new socket, never after a byte of an answer
     * came or a read timed out. Sockets of load threads that have ended stay open until {@link #close()}.
     */
    Answer post(String path, String contentType, String body, Map<String, String> headers) throws IOException {
        StringBuilder head = new StringBuilder(256).append("POST ").append(path).append(" HTTP/1.1\r\nHost: ")
                .append(server.getHostString()).append(':').append(server.getPort()).append("\r\nContent-Type: ")
                .append(contentType).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        head.append("Content-Length: ").append(content.length).append("\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[headBytes.length + content.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(content, 0, request, headBytes.length, content.length);
        while (true) {
            Connection connection = connection();
            try {
                Answer answer = connection.exchange(request);
                if (connection.closing) { // "Connection: close" (Tomcat's keep-alive limit) or a body ended by closing
                    drop(connection);
                }
                return answer;
            } catch (StaleConnection e) {
                drop(connection); // then once more, on a new socket
            } catch (IOException | RuntimeException e) {
                drop(connection);
                throw e;
            }
        }
    }

    private Connection connection() throws IOException {
        Connection connection = connections.get();
        if (connection == null) {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(server, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            connection = new Connection(socket);
            connections.set(connection);
            open.add(connection);
        }
        return connection;
    }

    private void drop(Connection connection) {
        connections.remove();
        open.remove(connection);
        connection.close();
    }

    @Override
    public void close() {
        open.forEach(Connection::close);
        open.clear();
    }

    /** Thrown when a reused socket ends before the answer's first byte. */
    private static final class StaleConnection extends IOException {
        StaleConnection() {
            super("the server closed the kept-alive connection");
        }
    }

    private static final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private boolean used;
        boolean closing;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.in = new BufferedInputStream(socket.getInputStream(), 8192);
        }

        Answer exchange(byte[] request) throws IOException {
            boolean reused = used;
            used = true;
            int first;
            IOException failed = null;
            try {
                out.write(request);
                out.flush();
                first = in.read();
            } catch (SocketTimeoutException e) {
                throw e; // the server may be working on it: never sent twice
            } catch (IOException e) { // broken pipe or reset: closed by the server with the request unread
                first = -1;
                failed = e;
            }
            if (first < 0) {
                if (reused) {
                    throw new StaleConnection();
                }
                throw failed != null ? failed : new EOFException("the server closed the connection without answering");
            }
            String statusLine = (char) first + line();
            int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header; !(header = line()).isEmpty(); ) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> close = value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                for (long size; (size = Long.parseLong(line().split(";", 2)[0].trim(), 16)) > 0; ) {
                    copy(size, body);
                    line();
                }
                while (!line().isEmpty()) { // trailers
                }
            } else if (length >= 0) {
                copy(length, body);
            } else {
                in.transferTo(body); // neither: the body ends with the connection
                close = true;
            }
            closing = close;
            return new Answer(status, body.toString(StandardCharsets.UTF_8));
        }

        private void copy(long length, ByteArrayOutputStream body) throws IOException {
            byte[] buffer = new byte[8192];
            for (long left = length; left > 0; ) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    throw new EOFException("the answer ended " + left + " bytes early");
                }
                body.write(buffer, 0, read);
                left -= read;
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int c; (c = in.read()) != '\n'; ) {
                if (c < 0) {
                    throw new EOFException("the answer ended in its head");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
