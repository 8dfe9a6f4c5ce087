package dev.replyflow.automation;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shipped welcome-reply process: a reply takes the Replied path, 24 hours of silence the No Response path. */
@ExtendWith(ProcessEngineExtension.class)
@Deployment(resources = "processes/welcome-reply.bpmn")
class WelcomeReplyProcessTest {

    private static final String PHONE = "+393331234567";

    RuntimeService runtimeService;

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
        assertThat(job()).hasDueDate(job().getDuedate()); // the 24h timer exists

        execute(job());

        assertThat(instance).isEnded().hasPassed("no-response").hasNotPassed("replied");
    }
}
