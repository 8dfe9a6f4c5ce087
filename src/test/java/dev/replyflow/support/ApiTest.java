package dev.replyflow.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;

/**
 * The one Spring Boot context the API tests share (same configuration, so Spring starts it once). Its engine
 * records process coverage: reports land in target/process-test-coverage/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(ProcessEngineCoverageConfiguration.class)
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
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
