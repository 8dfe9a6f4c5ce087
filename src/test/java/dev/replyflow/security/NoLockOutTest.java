package dev.replyflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.replyflow.support.ApiTest;

/**
 * Failed logins slow down the address that sends them, never the user: a flood of wrong guesses from one address
 * does not keep the right password out from another one (Camunda used to lock the user for good after ten).
 */
class NoLockOutTest extends ApiTest {

    private static final String USER = "victor";
    private static final String PASSWORD = "victor-secret-1";
    /** Linux answers for all of 127.0.0.0/8 on the loopback: a second client address without a network. */
    private static final String ATTACKER = "127.0.0.2";
    private static final String RIGHTFUL = "127.0.0.1";

    @Autowired
    IdentityService identityService;

    @BeforeEach
    void victimExists() {
        if (identityService.createUserQuery().userId(USER).count() == 0) {
            User user = identityService.newUser(USER);
            user.setPassword(PASSWORD);
            identityService.saveUser(user);
            identityService.createMembership(USER, Roles.OPERATORS_GROUP);
        }
    }

    @Test
    void fiftyWrongGuessesFromOneAddressDoNotKeepTheRightPasswordOutFromAnother() {
        int throttled = 0;
        for (int i = 0; i < 50; i++) {
            String status = statusLine(ATTACKER, "/api/contacts", basic(USER, "guess-" + i));
            assertThat(status).matches("HTTP/1.1 (401|429) .*");
            throttled += status.contains(" 429 ") ? 1 : 0;
        }
        assertThat(throttled).as("the guessing address is slowed down").isGreaterThan(40);
        // the guessing address waits even with the right password ...
        assertThat(statusLine(ATTACKER, "/api/contacts", basic(USER, PASSWORD))).contains(" 429 ");
        // ... while the rightful user, elsewhere, gets in at once, and stays in
        assertThat(statusLine(RIGHTFUL, "/api/contacts", basic(USER, PASSWORD))).contains(" 200 ");
        assertThat(identityService.checkPassword(USER, PASSWORD)).isTrue();
    }

    @Test
    void publicPathsIgnoreCredentials() {
        for (int i = 0; i < 20; i++) {
            assertThat(statusLine(ATTACKER, "/actuator/health", basic(USER, "wrong"))).contains(" 200 ");
        }
        assertThat(statusLine(ATTACKER, "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=test-verify-token&hub.challenge=c",
                basic("admin", "wrong"))).contains(" 200 ");
        // none of those counted as a failed login of the address
        assertThat(statusLine(ATTACKER, "/api/contacts", basic("admin", ADMIN_PASSWORD))).contains(" 200 ");
    }

    /** Camunda's login form goes through the same throttle (this client is 127.0.0.1; Basic comes from elsewhere). */
    @Test
    void theWebappLoginFormIsThrottledTheSameWay() {
        String user = "wendy";
        if (identityService.createUserQuery().userId(user).count() == 0) {
            User wendy = identityService.newUser(user);
            wendy.setPassword("wendy-secret-1");
            identityService.saveUser(wendy);
            identityService.createMembership(user, Roles.OPERATORS_GROUP);
        }
        int throttled = 0;
        for (int i = 0; i < 20; i++) {
            // a fresh session each time: Camunda hands out the CSRF token once per session
            int status = new CockpitBrowser(port).signIn("cockpit", user, "wrong-" + i).status();
            assertThat(status).isIn(401, 429);
            throttled += status == 429 ? 1 : 0;
        }
        assertThat(throttled).isGreaterThanOrEqualTo(10);
        assertThat(new CockpitBrowser(port).signIn("cockpit", user, "wendy-secret-1").status()).isEqualTo(429);
        assertThat(statusLine(ATTACKER, "/api/contacts", basic(user, "wendy-secret-1"))).contains(" 200 ");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A GET sent from a chosen local address; the answer's status line. */
    private String statusLine(String from, String path, String authorization) {
        String answer = exchange(from, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + authorization
                + "\r\nConnection: close\r\n\r\n");
        return answer.substring(0, answer.indexOf("\r\n"));
    }

    /** A raw HTTP/1.1 request sent from {@code from}; the whole answer. */
    private String exchange(String from, String request) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
