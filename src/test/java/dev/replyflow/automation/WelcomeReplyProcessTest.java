package dev.replyflow.automation;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.assertj.core.api.Assertions;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shipped welcome-reply process: a reply takes the Replied path, 24 hours of silence the No Response path. */
@Deployment(resources = "gallery/welcome-reply.bpmn")
class WelcomeReplyProcessTest {

    private static final String PHONE = "+393331234567";

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder().build();

    RuntimeService runtimeService;

    @BeforeEach
    void services() {
        runtimeService = engine.getRuntimeService();
        init(engine.getProcessEngine());
    }

    @Test
    void aReplyCorrelatedByBusinessKeyTakesTheRepliedPath() {
        ProcessInstance instance = runtimeService.startProcessInstanceByKey("welcome-reply", PHONE);
        assertThat(instance).isWaitingAt("wait-reply");

        runtimeService.createMessageCorrelation("customer-reply").processInstanceBusinessKey(PHONE)
                .setVariables(Map.of("replyText", "yes")).correlateAll();

        assertThat(instance).isEnded().hasPassed("replied").hasNotPassed("no-response");
        assertThat(instance).variables().containsEntry("replyText", "yes");
    }

    @Test
    void silenceUntilTheTimerTakesTheNoResponsePath() {
        ProcessInstance instance = runtimeService.startProcessInstanceByKey("welcome-reply", PHONE);
        assertThat(instance).isWaitingAt("wait-reply");
        Instant due = job().getDuedate().toInstant();
        Instant inADay = Instant.now().plus(Duration.ofHours(24));
        Assertions.assertThat(due).isBetween(inADay.minusSeconds(60), inADay.plusSeconds(60));

        execute(job());

        assertThat(instance).isEnded().hasPassed("no-response").hasNotPassed("replied");
    }
}
