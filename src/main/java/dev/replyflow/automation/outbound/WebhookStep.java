package dev.replyflow.automation.outbound;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.BpmnError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.replyflow.automation.Step;
import dev.replyflow.automation.calls.RemoteCallStep;
import dev.replyflow.automation.calls.StepInputs;
import dev.replyflow.automation.steps.ContactStep;
import dev.replyflow.contact.ContactRepository;
import dev.replyflow.contact.ContactService;

/**
 * A step that POSTs the contact and chosen variables to a URL, from the remote-call worker (no connection held while
 * the receiver answers). Outcomes: 2xx continues (after the response mapping); 3xx, 4xx, a refused address or a
 * misconfiguration is the BPMN error {@code webhook-failed} (retrying would not help); 5xx, a timeout or a connection
 * error is retried on the engine's retry cycle, with the same delivery id, and finally becomes an incident.
 */
abstract class WebhookStep extends RemoteCallStep<WebhookStep.Delivery> {

    /** A POST prepared from the step's inputs; {@code where} names the step in messages. */
    record Delivery(String where, URI url, byte[] body, String deliveryId, ResponseMapping mapping) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ContactRepository repository;
    private final ContactService contacts;
    private final WebhookClient client;

    WebhookStep(Step step, ContactRepository repository, ContactService contacts, WebhookClient client) {
        super(step);
        this.repository = repository;
        this.contacts = contacts;
        this.client = client;
    }

    /** Why this step may not call the URL (checked before any network access), or null. */
    abstract String urlProblem(URI url);

    @Override
    protected Delivery prepare(StepInputs inputs) {
        String where = step().name() + " '" + inputs.activityId() + "': ";
        URI url = url(inputs, where);
        ResponseMapping mapping;
        try {
            mapping = ResponseMapping.parse(inputs.lines("responseMapping"));
        } catch (IllegalArgumentException e) {
            throw failed(where + e.getMessage());
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        inputs.lines("variables").forEach(name -> variables.put(name, inputs.variable(name)));
        byte[] body = WebhookPayload.build(inputs.processDefinitionKey(), inputs.processInstanceId(), inputs.activityId(),
                contacts.get(ContactStep.contactId(inputs, repository)), variables);
        return new Delivery(where, url, body, inputs.visitKey(), mapping);
    }

    @Override
    protected Map<String, Object> call(Delivery delivery) {
        String where = delivery.where();
        URI url = delivery.url();
        WebhookResponse response;
        try {
            response = client.post(url, delivery.body(), delivery.deliveryId());
        } catch (WebhookRefusedException e) {
            throw failed(where + e.getMessage());
        } catch (WebhookUnavailableException e) {
            throw new WebhookUnavailableException(where + e.getMessage(), e.getCause());
        }
        int status = response.status();
        if (status >= 200 && status < 300) {
            return delivery.mapping().valuesFrom(answer(response, delivery.mapping(), where));
        } else if (status >= 300 && status < 400) {
            throw failed(where + url.getHost() + " answered " + status + " redirecting to " + response.location()
                    + "; redirects are not followed: configure the final URL");
        } else if (status >= 400 && status < 500) {
            throw failed(where + url.getHost() + " answered " + status + ": " + response.excerpt());
        }
        throw new WebhookUnavailableException(where + url.getHost() + " answered " + status + ": " + response.excerpt());
    }

    private URI url(StepInputs inputs, String where) {
        String text = inputs.text("url");
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

    private static BpmnError failed(String message) {
        return new BpmnError(OutboundSteps.WEBHOOK_FAILED, message);
    }
}
