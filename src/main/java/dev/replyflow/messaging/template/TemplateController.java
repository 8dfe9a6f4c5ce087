package dev.replyflow.messaging.template;

import java.net.URI;
import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/templates")
public class TemplateController {

    private final TemplateService service;
    private final TemplateRepository templates;

    public TemplateController(TemplateService service, TemplateRepository templates) {
        this.service = service;
        this.templates = templates;
    }

    @PostMapping
    public ResponseEntity<Template> create(@RequestBody TemplateRequest request) {
        Template template = service.create(request);
        return ResponseEntity.created(URI.create("/api/templates/" + template.getId())).body(template);
    }

    @GetMapping
    public List<Template> all() {
        return templates.findAll(Sort.by("name", "language"));
    }

    @GetMapping("/{id}")
    public Template get(@PathVariable Long id) {
        return service.require(id);
    }

    public record StatusRequest(Template.Status status) {
    }

    /** Records Meta's review: only APPROVED templates are sent. */
    @PatchMapping("/{id}")
    public Template setStatus(@PathVariable Long id, @RequestBody StatusRequest request) {
        return service.setStatus(id, request.status());
    }
}
