package dev.replyflow.gallery;

import java.util.List;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.replyflow.messaging.template.TemplateRepository;
import dev.replyflow.messaging.template.TemplateService;
import dev.replyflow.web.ApiException;

/**
 * Deploys a gallery automation under the key the analyst chose, with the templates it sends that do not exist
 * yet; one transaction, so a refused deployment creates no template.
 */
@Service
public class GalleryDeployer {

    /** A process id is an XML NCName; this stricter form also reads well in URLs. */
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,254}");

    private final Gallery gallery;
    private final RepositoryService repository;
    private final TemplateService templateService;
    private final TemplateRepository templates;

    public GalleryDeployer(Gallery gallery, RepositoryService repository, TemplateService templateService,
            TemplateRepository templates) {
        this.gallery = gallery;
        this.repository = repository;
        this.templateService = templateService;
        this.templates = templates;
    }

    public record Deployed(String processDefinitionId, String key, List<String> templatesCreated) {
    }

    @Transactional
    public Deployed deploy(String id, String key, String name) {
        GalleryEntry.Manifest entry = gallery.find(id).orElseThrow(() -> ApiException.notFound("Gallery automation", id));
        if (key == null || !KEY.matcher(key).matches()) {
            throw ApiException.invalid("key", "A key starts with a letter or _ and has letters, digits, _, - or . (like my-welcome)");
        }
        if (repository.createProcessDefinitionQuery().processDefinitionKey(key).count() > 0) {
            throw ApiException.conflict("Key taken", "An automation with the key " + key + " exists; choose another key", "key");
        }
        BpmnModelInstance model = gallery.model(id);
        Process process = model.getModelElementsByType(Process.class).iterator().next();
        process.setId(key); // the diagram's plane refers to the process by id and follows the rename
        process.setName(name == null || name.isBlank() ? entry.name() : name.strip());
        ProcessDefinition definition;
        try {
            definition = repository.createDeployment().name(key).source("gallery:" + id)
                    .addModelInstance(key + ".bpmn", model).deployWithResult().getDeployedProcessDefinitions().get(0);
        } catch (ParseException refused) {
            throw refusal(refused);
        }
        List<String> created = entry.templates().stream().filter(t -> templates.findByNameOrderByLanguage(t.name()).isEmpty())
                .map(t -> templateService.create(t).getName()).toList();
        return new Deployed(definition.getId(), key, created);
    }

    /** The engine's refusal as a 400 naming the first element at fault (the validator reports every problem). */
    private static ApiException refusal(ParseException refused) {
        Problem first = refused.getResorceReports().stream().flatMap(r -> r.getErrors().stream()).findFirst().orElse(null);
        String element = first == null ? null : first.getMainElementId();
        return new ApiException(HttpStatus.BAD_REQUEST, "Deployment refused",
                first == null ? refused.getMessage() : first.getMessage(), element);
    }

}
