package dev.replyflow.modeler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The browser tests of webapp/e2e (node's test runner, playwright-core, Debian's Chromium) against this application
 * as a user runs it: real HTTP on a random port, the job executor on, the sandbox WhatsApp provider. Screenshots go
 * to target/e2e-screenshots/, the browser tests' output to target/e2e.log. It runs in a JVM of its own (pom.xml), where
 * its engine is the "default" one that Camunda's REST API and Cockpit serve.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:replyflow-browser;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=true",
        "replyflow.whatsapp.messaging-limit=0", // the campaign's 1,000 imported contacts go out at once
        "replyflow.admin.password=" + BrowserTest.ADMIN_PASSWORD})
@ActiveProfiles("test")
@DirtiesContext
class BrowserTest {

    static final String ADMIN_PASSWORD = "browser-test-secret";
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    @LocalServerPort
    int port;

    @Test
    void modelerAndCockpitWorkInChromium() throws IOException, InterruptedException {
        // .ci/run installs Chromium (and sets CI); elsewhere a missing Chromium skips these tests, saying why
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM);
        }
        Path log = Path.of("target", "e2e.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-concurrency=1", "e2e/")
                .directory(new File("webapp"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        node.environment().put("REPLYFLOW_BASE_URL", "http://localhost:" + port);
        node.environment().put("REPLYFLOW_ADMIN_PASSWORD", ADMIN_PASSWORD);
        node.environment().put("REPLYFLOW_SCREENSHOTS", Path.of("target", "e2e-screenshots").toAbsolutePath().toString());
        node.environment().put("CHROMIUM", CHROMIUM.toString());
        Process run = node.start();
        boolean finished = run.waitFor(8, TimeUnit.MINUTES);
        if (!finished) {
            run.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(finished).as("the browser tests finish within 8 minutes").isTrue();
        assertThat(run.exitValue()).as("the browser tests pass (target/e2e.log):\n" + output).isZero();
        assertThat(output).contains("# fail 0").doesNotContain("# pass 0");
        assertThat(Path.of("target", "e2e-screenshots", "modeler-statistics.png")).exists();
        assertThat(Path.of("target", "e2e-screenshots", "cockpit-tab.png")).exists();
        assertThat(Path.of("target", "e2e-screenshots", "campaigns.png")).exists();
    }
}
