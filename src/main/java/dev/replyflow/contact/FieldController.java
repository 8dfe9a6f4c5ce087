package dev.replyflow.contact;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.replyflow.web.ApiException;

/** Dynamic fields: defined once with a name and a type, then filled per contact. */
@RestController
@RequestMapping("/api/fields")
public class FieldController {

    /** Lower-case identifiers, so that a field reads the same in a template ({{fields.city}}) and a CSV header. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private final FieldDefinitionRepository definitions;
    private final Clock clock;

    public FieldController(FieldDefinitionRepository definitions, Clock clock) {
        this.definitions = definitions;
        this.clock = clock;
    }

    public record FieldRequest(String name, FieldType type) {
    }

    @PostMapping
    @Transactional
    public ResponseEntity<FieldDefinition> define(@RequestBody FieldRequest request) {
        if (request.name() == null || !NAME.matcher(request.name()).matches()) {
            throw ApiException.invalid("name", "A field name is lower-case letters, digits and _ (like city or birth_date)");
        }
        if (ContactCsv.RESERVED_COLUMNS.contains(request.name())) {
            throw ApiException.invalid("name", "'" + request.name() + "' is a contact attribute, not a dynamic field");
        }
        if (request.type() == null) {
            throw ApiException.invalid("type", "A field needs a type: TEXT, NUMBER, DATE or BOOLEAN");
        }
        if (definitions.existsById(request.name())) {
            throw ApiException.conflict("Field exists", "A field named '" + request.name() + "' already exists", "name");
        }
        FieldDefinition saved = definitions.save(new FieldDefinition(request.name(), request.type(), clock.instant()));
        return ResponseEntity.created(URI.create("/api/fields/" + saved.getName())).body(saved);
    }

    @GetMapping
    public List<FieldDefinition> all() {
        return definitions.findAll(Sort.by("name"));
    }
}
