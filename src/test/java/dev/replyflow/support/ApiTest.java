package dev.replyflow.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The one Spring Boot context the API tests share (same configuration, so Spring starts it once). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class ApiTest {

    public static final String ADMIN_PASSWORD = "test-admin-secret";

    @LocalServerPort
    protected int port;

    protected Api admin() {
        return Api.as(port, "admin", ADMIN_PASSWORD);
    }

    protected Api anonymous() {
        return Api.anonymous(port);
    }

    private static final java.util.concurrent.atomic.AtomicLong PHONES = new java.util.concurrent.atomic.AtomicLong();

    /** A valid Italian mobile number no other test uses (the tests share one database). */
    public static String newPhone() {
        return "+39320" + (1_000_000 + PHONES.incrementAndGet());
    }
}
