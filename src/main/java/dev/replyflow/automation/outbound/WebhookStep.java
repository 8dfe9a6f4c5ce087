package dev.replyflow.automation.outbound;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.replyflow.automation.Step;
import dev.replyflow.automation.steps.ContactStep;
import dev.replyflow.contact.ContactRepository;
import dev.replyflow.contact.ContactService;

/**
 * A step that POSTs the contact and chosen variables to a URL. Outcomes: 2xx continues (after the response
 * mapping); 3xx, 4xx, a refused address or a misconfiguration is the BPMN error {@code webhook-failed} (retrying
 * would not help); 5xx, a timeout or a connection error is thrown, so the engine retries the job (asyncBefore)
 * and finally raises an incident.
 */
abstract class WebhookStep extends ContactStep {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Step step;
    private final ContactService contacts;
    private final WebhookClient client;

    WebhookStep(Step step, ContactRepository repository, ContactService contacts, WebhookClient client) {
        super(repository);
        this.step = step;
        this.contacts = contacts;
        this.client = client;
    }

    /** Why this step may not call the URL (checked before any network access), or null. */
    abstract String urlProblem(URI url);

    @Override
    protected void execute(DelegateExecution execution, Long contactId) {
        String where = step.name() + " '" + execution.getCurrentActivityId() + "': ";
        URI url = url(execution, where);
        ResponseMapping mapping;
        try {
            mapping = ResponseMapping.parse(lines(execution, "responseMapping"));
        } catch (IllegalArgumentException e) {
            throw failed(where + e.getMessage());
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        lines(execution, "variables").forEach(name -> variables.put(name, execution.getVariable(name)));
        byte[] body = WebhookPayload.build(automation(execution), execution.getProcessInstanceId(),
                execution.getCurrentActivityId(), contacts.get(contactId), variables);

        WebhookResponse response;
        try {
            response = client.post(url, body, visitKey(execution));
        } catch (WebhookRefusedException e) {
            throw failed(where + e.getMessage());
        } catch (WebhookUnavailableException e) {
            throw new WebhookUnavailableException(where + e.getMessage(), e.getCause());
        }
        int status = response.status();
        if (status >= 200 && status < 300) {
            mapping.valuesFrom(answer(response, mapping, where)).forEach(execution::setVariable);
        } else if (status >= 300 && status < 400) {
            throw failed(where + url.getHost() + " answered " + status + " redirecting to " + response.location()
                    + "; redirects are not followed: configure the final URL");
        } else if (status >= 400 && status < 500) {
            throw failed(where + url.getHost() + " answered " + status + ": " + response.excerpt());
        } else {
            throw new WebhookUnavailableException(where + url.getHost() + " answered " + status + ": " + response.excerpt());
        }
    }

    private URI url(DelegateExecution execution, String where) {
        String text = text(execution, "url");
        URI url;
        try {
            url = URI.create(text == null ? "" : text.strip());
        } catch (IllegalArgumentException e) {
            throw failed(where + "'" + text + "' is not a URL");
        }
        if (!("https".equalsIgnoreCase(url.getScheme()) || "http".equalsIgnoreCase(url.getScheme())) || url.getHost() == null) {
            throw failed(where + "'" + text + "' is not an http(s) URL with a host");
        }
        String problem = urlProblem(url);
        if (problem != null) {
            throw failed(where + problem + ", not '" + text + "'");
        }
        return url;
    }

    /** The JSON answer; an empty tree when there is nothing to map, whatever the body. */
    private static JsonNode answer(WebhookResponse response, ResponseMapping mapping, String where) {
        if (mapping.isEmpty()) {
            return JSON.createObjectNode();
        }
        if (response.isTooLarge()) {
            throw failed(where + "the answer is larger than " + WebhookClient.MAX_RESPONSE_BYTES
                    + " bytes, too large for the response mapping");
        }
        try {
            JsonNode answer = JSON.readTree(response.body());
            if (answer == null || answer.isMissingNode()) {
                throw new IOException("empty body");
            }
            return answer;
        } catch (IOException e) {
            throw failed(where + "the answer is not JSON, so the response mapping cannot read it: " + response.excerpt());
        }
    }

    /** The process definition key: the id of the process that holds the step. */
    static String automation(DelegateExecution execution) {
        ModelElementInstance element = execution.getBpmnModelElementInstance();
        while (element != null && !(element instanceof Process)) {
            element = element.getParentElement();
        }
        return element != null ? ((Process) element).getId() : execution.getProcessDefinitionId().split(":")[0];
    }

    private static BpmnError failed(String message) {
        return new BpmnError(OutboundSteps.WEBHOOK_FAILED, message);
    }
}
