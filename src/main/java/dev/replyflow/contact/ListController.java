package dev.replyflow.contact;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.replyflow.contact.ListCsvImporter.ImportResult;
import dev.replyflow.contact.ListService.ListView;
import dev.replyflow.contact.ListService.Membership;
import dev.replyflow.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@RestController
@RequestMapping("/api/lists")
public class ListController {

    private final ListService lists;
    private final ListCsvImporter importer;
    private final ListCsvExporter exporter;

    public ListController(ListService lists, ListCsvImporter importer, ListCsvExporter exporter) {
        this.lists = lists;
        this.importer = importer;
        this.exporter = exporter;
    }

    public record ListRequest(String name) {
    }

    @PostMapping
    public ResponseEntity<ListView> create(@RequestBody ListRequest request) {
        ListView created = lists.create(request.name());
        return ResponseEntity.created(URI.create("/api/lists/" + created.id())).body(created);
    }

    @GetMapping
    public List<ListView> all() {
        return lists.all();
    }

    @GetMapping("/{id}")
    public ListView get(@PathVariable Long id) {
        return lists.get(id);
    }

    /** Deletes the list; its contacts stay. */
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable Long id) {
        lists.delete(id);
        return ResponseEntity.noContent().build();
    }

    public record MemberRequest(Long contactId) {
    }

    @PostMapping("/{id}/members")
    public ResponseEntity<Membership> addMember(@PathVariable Long id, @RequestBody MemberRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(lists.addMember(id, request.contactId()));
    }

    @DeleteMapping("/{id}/members/{contactId}")
    public ResponseEntity<Void> removeMember(@PathVariable Long id, @PathVariable Long contactId) {
        lists.removeMember(id, contactId);
        return ResponseEntity.noContent().build();
    }

    /** Streams the request body into the list; see {@link ListCsvImporter}. */
    @PostMapping(path = "/{id}/import", consumes = {"text/csv", "text/plain", "application/octet-stream"})
    public ImportResult importCsv(@PathVariable Long id, HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > importer.maxSize().toBytes()) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "File too large", "A CSV import is at most "
                    + importer.maxSize().toMegabytes() + " MB; split the file. Nothing was imported.", "file");
        }
        return importer.importInto(id, request.getInputStream());
    }

    /** An import's whole list of rejected rows (its answer shows the first ones). */
    @GetMapping("/imports/{reportId}/rejected.csv")
    public void rejections(@PathVariable String reportId, HttpServletResponse response) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (!importer.writeRejections(reportId, response.getWriter())) {
            throw ApiException.notFound("Import report", reportId);
        }
    }

    @GetMapping("/{id}/export")
    public void export(@PathVariable Long id, HttpServletResponse response) throws IOException {
        ContactList list = lists.require(id);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"list-" + list.getId() + ".csv\"");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        exporter.export(id, response.getWriter());
    }
}
