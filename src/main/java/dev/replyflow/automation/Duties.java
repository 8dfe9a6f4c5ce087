package dev.replyflow.automation;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.replyflow.jobs.EngineJobs;

/**
 * Work that must follow a committed change (start a list's automations for its new member, end a blocked contact's
 * automations): an engine job ({@value #JOB_TYPE}) created in the change's own transaction, so both commit or neither
 * does. The job executor performs it with one connection, retrying with the engine's retry cycle; a duty that keeps
 * failing is an incident in Cockpit. (An after-commit listener would lose it to a crash, and would open a second
 * connection while the committed transaction's one is still held.)
 */
@Component
public class Duties {

    public static final String JOB_TYPE = "replyflow-duty";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One kind of duty, performed in the job's transaction; throwing makes the job retry. */
    interface Duty {
        String name();

        void perform(JsonNode payload);
    }

    private final EngineJobs jobs;
    private final ObjectProvider<Duty> duties;

    Duties(EngineJobs jobs, ObjectProvider<Duty> duties) {
        this.jobs = jobs;
        this.duties = duties;
    }

    /** In the caller's transaction (or one of its own): duty {@code name} with its payload, as a job. */
    void schedule(String name, Object payload) {
        String configuration;
        try {
            configuration = name + " " + JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("A duty's payload is written as JSON", e);
        }
        jobs.send(JOB_TYPE, configuration, null);
    }

    /** Runs a job's duty: "name {json payload}". */
    void perform(String configuration) {
        int space = configuration.indexOf(' ');
        String name = configuration.substring(0, space);
        Duty duty = duties.orderedStream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No duty named " + name));
        try {
            duty.perform(JSON.readTree(configuration.substring(space + 1)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Duty " + name + " has an unreadable payload", e);
        }
    }
}
