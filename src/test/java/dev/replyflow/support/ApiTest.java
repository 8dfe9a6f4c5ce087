package dev.replyflow.support;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;

import dev.replyflow.commits.SharedCommits;

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

    @Autowired
    private SharedCommits commits;

    /**
     * Delivers a signed WhatsApp webhook and, once it answered 200, waits for its hand-off at once (its messages and
     * statuses stored, its messages routed): what follows a delivery a moment after its answer.
     */
    protected Api.Response deliverWhatsApp(String json) {
        Api.Response answer = Webhooks.deliver(anonymous(), json);
        awaitHandOffs(answer);
        return answer;
    }

    /** Waits for what a 200 from a webhook left to do at once (the hand-off of its delivery, routing). */
    protected void awaitHandOffs(Api.Response answer) {
        if (answer.status() == 200) {
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(commits::idle);
        }
    }

    private static final java.util.concurrent.atomic.AtomicLong PHONES = new java.util.concurrent.atomic.AtomicLong();

    /** A valid Italian mobile number no other test uses (the tests share one database). */
    public static String newPhone() {
        return "+39320" + (1_000_000 + PHONES.incrementAndGet());
    }
}
