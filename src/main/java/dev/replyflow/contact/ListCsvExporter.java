package dev.replyflow.contact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes a list's contacts as CSV in the import's own shape (phone,name,language,&lt;field&gt;…), page by
 * page so a list of any size streams out. Every cell is neutralized against formula injection.
 */
@Component
public class ListCsvExporter {

    private static final int PAGE = 1000;

    private final FieldDefinitionRepository fieldDefinitions;
    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    public ListCsvExporter(FieldDefinitionRepository fieldDefinitions, JdbcTemplate jdbc, NamedParameterJdbcTemplate named) {
        this.fieldDefinitions = fieldDefinitions;
        this.jdbc = jdbc;
        this.named = named;
    }

    private record Member(long id, String phone, String name, String language) {
    }

    @Transactional(readOnly = true)
    public void export(Long listId, Writer out) {
        List<String> fields = fieldDefinitions.findAll(Sort.by("name")).stream().map(FieldDefinition::getName).toList();
        List<String> header = new ArrayList<>(List.of("phone", "name", "language"));
        header.addAll(fields);
        try {
            CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180);
            printer.printRecord(header);
            long after = 0;
            List<Member> page;
            do {
                page = jdbc.query("select c.id, c.phone, c.name, c.language from contact c "
                        + "join list_member m on m.contact_id = c.id where m.list_id = ? and c.id > ? order by c.id "
                        + "fetch first " + PAGE + " rows only",
                        (rs, i) -> new Member(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)), listId, after);
                Map<Long, Map<String, String>> values = fieldValues(page);
                for (Member member : page) {
                    List<String> cells = new ArrayList<>(List.of(member.phone(), nullToEmpty(member.name()), nullToEmpty(member.language())));
                    Map<String, String> own = values.getOrDefault(member.id(), Map.of());
                    fields.forEach(f -> cells.add(own.getOrDefault(f, "")));
                    printer.printRecord(cells.stream().map(ContactCsv::neutralize).toList());
                    after = member.id();
                }
            } while (page.size() == PAGE);
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<Long, Map<String, String>> fieldValues(List<Member> page) {
        Map<Long, Map<String, String>> values = new HashMap<>();
        if (!page.isEmpty()) {
            named.query("select contact_id, field, field_value from contact_field where contact_id in (:ids)",
                    Map.of("ids", page.stream().map(Member::id).toList()),
                    rs -> {
                        values.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).put(rs.getString(2), rs.getString(3));
                    });
        }
        return values;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
