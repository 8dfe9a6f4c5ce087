package dev.replyflow.gallery;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The gallery of ready-made automations: read by anyone signed in, deployed by admins and analysts. */
@RestController
@RequestMapping("/api/gallery")
public class GalleryController {

    private final Gallery gallery;
    private final GalleryDeployer deployer;

    public GalleryController(Gallery gallery, GalleryDeployer deployer) {
        this.gallery = gallery;
        this.deployer = deployer;
    }

    @GetMapping
    public List<GalleryEntry> all() {
        return gallery.entries();
    }

    /** Also the model itself, so that the web modeler can open it before deploying. */
    @GetMapping(value = "/{id}/bpmn", produces = "application/xml")
    public String bpmn(@PathVariable String id) {
        gallery.find(id).orElseThrow(() -> dev.replyflow.web.ApiException.notFound("Gallery automation", id));
        return org.camunda.bpm.model.bpmn.Bpmn.convertToString(gallery.model(id));
    }

    public record DeployRequest(String key, String name) {
    }

    @PostMapping("/{id}/deploy")
    @ResponseStatus(HttpStatus.CREATED)
    public GalleryDeployer.Deployed deploy(@PathVariable String id, @RequestBody DeployRequest request) {
        return deployer.deploy(id, request.key(), request.name());
    }
}
