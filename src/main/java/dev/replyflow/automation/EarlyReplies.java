package dev.replyflow.automation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The engine has no message buffer: a reply that arrives after an automation's Send Message but before it
 * reaches its Customer Response finds nobody waiting. When the automation starts waiting, this listener looks
 * for such a reply (newer than the automation's last sent message and than the last reply it took) and hands
 * it over once the wait has committed.
 */
public class EarlyReplies implements ExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(EarlyReplies.class);

    private final JdbcTemplate jdbc;

    public EarlyReplies(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** This automation and the ones that called it (a call activity's Customer Response after its caller's send). */
    private static List<String> instances(DelegateExecution execution) {
        List<String> ids = new ArrayList<>();
        for (ExecutionEntity e = (ExecutionEntity) execution; e != null; e = e.getProcessInstance().getSuperExecution()) {
            ids.add(e.getProcessInstanceId());
        }
        return ids;
    }

    @Override
    public void notify(DelegateExecution execution) {
        // the automation's last sent message, from the messages it recorded (each names its process instance): a variable
        // kept for it cost a runtime and a history row per send
        List<String> instances = instances(execution);
        List<Map<String, Object>> sent = jdbc.queryForList("select id, contact_id from message where process_instance_id in ("
                + String.join(",", Collections.nCopies(instances.size(), "?")) + ") and direction = 'OUTBOUND' "
                + "order by id desc fetch first 1 rows only", instances.toArray());
        if (sent.isEmpty()) {
            return; // this automation sent nothing: a reply before the wait is not a reply to it
        }
        Object lastReply = execution.getVariable("replyMessageId");
        long after = ((Number) sent.get(0).get("id")).longValue();
        if (lastReply != null) {
            List<Long> taken = jdbc.queryForList("select id from message where wa_message_id = ?", Long.class, lastReply.toString());
            after = Math.max(after, taken.isEmpty() ? 0 : taken.get(0));
        }
        List<Map<String, Object>> early = jdbc.queryForList("select id, text, payload, wa_message_id from message "
                + "where contact_id = ? and direction = 'INBOUND' and id > ? order by id fetch first 1 rows only",
                sent.get(0).get("contact_id"), after);
        if (early.isEmpty() || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        Map<String, Object> reply = early.get(0);
        String instance = execution.getProcessInstanceId();
        var runtime = execution.getProcessEngineServices().getRuntimeService();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                Map<String, Object> variables = new HashMap<>();
                variables.put("replyText", reply.get("text"));
                variables.put("replyPayload", reply.get("payload"));
                variables.put("replyMessageId", reply.get("wa_message_id"));
                try {
                    runtime.createMessageCorrelation(ReplyCorrelation.MESSAGE).processInstanceId(instance).setVariables(variables)
                            .correlateAll();
                } catch (MismatchingMessageCorrelationException | org.camunda.bpm.engine.OptimisticLockingException taken) {
                    log.debug("Early reply {} was taken meanwhile", reply.get("wa_message_id"));
                }
            }
        });
    }
}
