package dev.replyflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;

/**
 * Without variable changes, an automation's history still shows each variable with its last value (what Cockpit and
 * the REST history read), but writes no row per change; with them, each value is kept.
 */
class HistoryWritesTest {

    @Test
    void withoutVariableChangesTheHistoryKeepsEachVariablesLastValueOnly() {
        ProcessEngine engine = engine(false);
        try {
            String instance = startAndChange(engine);
            var variable = engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance)
                    .variableName("replyText").singleResult();
            assertThat(variable.getValue()).isEqualTo("second");
            assertThat(engine.getHistoryService().createHistoricDetailQuery().processInstanceId(instance).count()).isZero();
        } finally {
            engine.close();
        }
    }

    @Test
    void withVariableChangesTheHistoryKeepsEveryValue() {
        ProcessEngine engine = engine(true);
        try {
            String instance = startAndChange(engine);
            assertThat(engine.getHistoryService().createHistoricDetailQuery().processInstanceId(instance).variableUpdates()
                    .list()).extracting(d -> ((org.camunda.bpm.engine.history.HistoricVariableUpdate) d).getValue())
                    .containsExactlyInAnyOrder(7L, "first", "second");
        } finally {
            engine.close();
        }
    }

    private static String startAndChange(ProcessEngine engine) {
        engine.getRepositoryService().createDeployment().addModelInstance("wait.bpmn", Bpmn.createExecutableProcess("wait")
                .camundaHistoryTimeToLive(1).startEvent().userTask("answer").endEvent().done()).deploy();
        String instance = engine.getRuntimeService().startProcessInstanceByKey("wait",
                Map.of("contactId", 7L, "replyText", "first")).getId();
        engine.getRuntimeService().setVariable(instance, "replyText", "second");
        return instance;
    }

    private static ProcessEngine engine(boolean variableChanges) {
        ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
                .createStandaloneInMemProcessEngineConfiguration();
        config.setProcessEngineName("history-writes-" + variableChanges);
        config.setJdbcUrl("jdbc:h2:mem:history-writes-" + variableChanges + ";DB_CLOSE_DELAY=-1");
        config.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        new HistoryWrites(variableChanges).preInit(config);
        return config.buildProcessEngine();
    }
}
