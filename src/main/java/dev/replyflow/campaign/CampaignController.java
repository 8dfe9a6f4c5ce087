package dev.replyflow.campaign;

import java.security.Principal;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** /api/campaigns: create, preview, launch, pause, resume, cancel, progress, and lists made from the results. */
@RestController
@RequestMapping("/api/campaigns")
class CampaignController {

    private final CampaignDefinitions definitions;
    private final CampaignPreviews previews;
    private final CampaignLifecycle lifecycle;
    private final CampaignResults results;

    CampaignController(CampaignDefinitions definitions, CampaignPreviews previews, CampaignLifecycle lifecycle,
            CampaignResults results) {
        this.definitions = definitions;
        this.previews = previews;
        this.lifecycle = lifecycle;
        this.results = results;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CampaignView create(@RequestBody CampaignRequest request, Principal user) {
        return results.get(definitions.create(request, user == null ? null : user.getName()));
    }

    @GetMapping
    List<CampaignView> all() {
        return results.all();
    }

    @GetMapping("/{id}")
    CampaignView get(@PathVariable long id) {
        return results.get(id);
    }

    @GetMapping("/{id}/preview")
    CampaignPreview preview(@PathVariable long id) {
        return previews.preview(id);
    }

    @PostMapping("/{id}/launch")
    @ResponseStatus(HttpStatus.ACCEPTED)
    CampaignView launch(@PathVariable long id) {
        lifecycle.launch(id);
        return results.get(id);
    }

    @PostMapping("/{id}/pause")
    @ResponseStatus(HttpStatus.ACCEPTED)
    CampaignView pause(@PathVariable long id) {
        lifecycle.pause(id);
        return results.get(id);
    }

    @PostMapping("/{id}/resume")
    @ResponseStatus(HttpStatus.ACCEPTED)
    CampaignView resume(@PathVariable long id) {
        lifecycle.resume(id);
        return results.get(id);
    }

    @PostMapping("/{id}/cancel")
    @ResponseStatus(HttpStatus.ACCEPTED)
    CampaignView cancel(@PathVariable long id) {
        lifecycle.cancel(id);
        return results.get(id);
    }

    record ListRequest(String name, String segment) {
    }

    @PostMapping("/{id}/lists")
    @ResponseStatus(HttpStatus.CREATED)
    CampaignResults.MadeList list(@PathVariable long id, @RequestBody ListRequest request) {
        return results.makeList(id, request.name(), request.segment());
    }
}
