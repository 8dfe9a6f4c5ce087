package dev.replyflow.contact;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.NoSuchElementException;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

import dev.replyflow.web.ApiException;

/**
 * Imports a CSV (header phone,name,language,&lt;field&gt;…) into a list: upserts contacts by phone, fills
 * their dynamic fields and adds them to the list. The file is streamed and written in chunks, never held
 * in memory; a bad row is rejected with its line and reason and never stops the good ones. The whole import
 * is one transaction, so a file that cannot be read to its end (too large, broken quoting, not UTF-8) writes
 * nothing at all.
 */
@Component
public class ListCsvImporter {

    private static final int CHUNK = 500;

    private final ContactListRepository lists;
    private final FieldDefinitionRepository fieldDefinitions;
    private final PhoneNumbers phoneNumbers;
    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final Clock clock;
    private final DataSize maxSize;
    private final ApplicationEventPublisher events;
    private final boolean postgres;

    public ListCsvImporter(ContactListRepository lists, FieldDefinitionRepository fieldDefinitions, PhoneNumbers phoneNumbers,
            JdbcTemplate jdbc, NamedParameterJdbcTemplate named, Clock clock,
            @Value("${replyflow.import.max-size:20MB}") DataSize maxSize, ApplicationEventPublisher events) {
        this.events = events;
        this.lists = lists;
        this.fieldDefinitions = fieldDefinitions;
        this.phoneNumbers = phoneNumbers;
        this.jdbc = jdbc;
        this.named = named;
        this.clock = clock;
        this.maxSize = maxSize;
        this.postgres = Databases.isPostgres(jdbc);
    }

    public record Rejection(long line, String reason) {
    }

    /**
     * {@code rejected}: the first {@value #REJECTIONS_SHOWN} rejected rows; {@code rejectedCount}: all of them, listed
     * whole (line, reason) as CSV at {@code rejectedReport} when there are more. A 20 MB file of bad rows stays small.
     */
    public record ImportResult(int imported, int updated, List<Rejection> rejected, long rejectedCount,
            String rejectedReport) {
    }

    static final int REJECTIONS_SHOWN = 1000;
    private static final int MAX_REASON = 300;

    private record Row(long line, String phone, String name, String language, Map<String, String> fields) {
    }

    /** The columns of a file, resolved against the dynamic field definitions. */
    private record Header(int phone, int name, int language, Map<Integer, FieldDefinition> fields, int size) {
    }

    public DataSize maxSize() {
        return maxSize;
    }

    @Transactional
    public ImportResult importInto(Long listId, InputStream body) {
        if (!lists.existsById(listId)) {
            throw ApiException.notFound("List", listId);
        }
        if (postgres) {
            // PostgreSQL settles on a generic plan after five executions of a statement: one made while the contact
            // table was small (a sequential scan) would stay while this import grows it, and 100,000 rows took 206 s
            // instead of 15 s. For this transaction only, each execution is planned for its values.
            jdbc.execute("SET LOCAL plan_cache_mode = force_custom_plan");
        }
        var result = new Progress(UUID.randomUUID().toString());
        try (BufferedReader reader = reader(body); CSVParser parser = format(reader).parse(reader)) {
            Iterator<CSVRecord> records = parser.iterator();
            Header header = header(next(records));
            Map<String, Long> seen = new HashMap<>(); // phone -> line: a phone twice in one file is a mistake
            List<Row> chunk = new ArrayList<>(CHUNK);
            while (true) {
                long line = parser.getCurrentLineNumber() + 1;
                CSVRecord record = next(records);
                if (record == null) {
                    break;
                }
                Row row = row(record, line, header, seen, result);
                if (row != null) {
                    chunk.add(row);
                }
                if (chunk.size() == CHUNK) {
                    write(listId, chunk, result);
                    chunk.clear();
                }
                if (result.unsaved.size() == CHUNK) {
                    saveRejections(result);
                }
            }
            write(listId, chunk, result);
            saveRejections(result);
        } catch (UncheckedIOException e) {
            throw unreadable(e.getCause(), result.lastLine);
        } catch (IOException e) {
            throw unreadable(e, result.lastLine);
        }
        if (!result.newMembers.isEmpty()) {
            events.publishEvent(new ContactsImportedToList(listId, lists.findById(listId).orElseThrow().getName(), result.newMembers));
        }
        return new ImportResult(result.imported, result.updated, result.rejected, result.rejectedCount,
                result.rejectedCount > result.rejected.size() ? "/api/lists/imports/" + result.reportId + "/rejected.csv" : null);
    }

    private BufferedReader reader(InputStream body) {
        InputStream limited = new LimitedInputStream(body, maxSize.toBytes());
        try {
            InputStream withoutBom = BOMInputStream.builder().setInputStream(limited).get();
            Reader decoder = new InputStreamReader(withoutBom, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
            return new BufferedReader(decoder, 64 * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Comma by default; semicolon when the header uses it, as spreadsheets in many European locales write. */
    private static CSVFormat format(BufferedReader reader) throws IOException {
        reader.mark(64 * 1024);
        String first = reader.readLine();
        reader.reset();
        char delimiter = first != null && first.indexOf(';') >= 0 && first.indexOf(',') < 0 ? ';' : ',';
        return CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false).get();
    }

    private static CSVRecord next(Iterator<CSVRecord> records) {
        try {
            return records.next();
        } catch (NoSuchElementException end) {
            return null;
        }
    }

    private Header header(CSVRecord record) {
        if (record == null) {
            throw ApiException.invalid("header", "The file is empty: its first line must be a header like phone,name,language");
        }
        Map<String, FieldDefinition> definitions = new HashMap<>();
        fieldDefinitions.findAll().forEach(d -> definitions.put(d.getName(), d));
        Map<String, Integer> positions = new LinkedHashMap<>();
        Map<Integer, FieldDefinition> fields = new LinkedHashMap<>();
        for (int i = 0; i < record.size(); i++) {
            String column = record.get(i).strip().toLowerCase(Locale.ROOT);
            if (positions.put(column, i) != null) {
                throw ApiException.invalid("header", "Column '" + column + "' appears twice in the header");
            }
            if (!ContactCsv.RESERVED_COLUMNS.contains(column)) {
                FieldDefinition definition = definitions.get(column);
                if (definition == null) {
                    throw ApiException.invalid("header", "Unknown column '" + column + "': columns are phone, name, language "
                            + "and dynamic fields (defined with POST /api/fields; now: " + definitions.keySet() + ")");
                }
                fields.put(i, definition);
            }
        }
        if (!positions.containsKey("phone")) {
            throw ApiException.invalid("header", "The header has no 'phone' column (it has " + positions.keySet() + ")");
        }
        return new Header(positions.get("phone"), positions.getOrDefault("name", -1), positions.getOrDefault("language", -1),
                fields, record.size());
    }

    /** @return the row to write, or null when it was rejected or blank */
    private Row row(CSVRecord record, long line, Header header, Map<String, Long> seen, Progress progress) {
        progress.lastLine = line;
        if (record.size() == 1 && record.get(0).isBlank()) {
            return null; // an empty line
        }
        if (record.size() != header.size()) {
            return progress.reject(line, "expected " + header.size() + " columns as in the header, found " + record.size());
        }
        String phone;
        try {
            phone = phoneNumbers.toE164(cell(record, header.phone()));
        } catch (IllegalArgumentException e) {
            return progress.reject(line, "phone: " + e.getMessage());
        }
        Long firstLine = seen.putIfAbsent(phone, line);
        if (firstLine != null) {
            return progress.reject(line, "phone: " + phone + " is already on line " + firstLine + " of this file");
        }
        String name = cell(record, header.name());
        if (name != null && name.length() > 200) {
            return progress.reject(line, "name: longer than 200 characters");
        }
        String language = cell(record, header.language());
        if (language != null) {
            try {
                language = ContactService.normalizeLanguage(language);
            } catch (ApiException e) {
                return progress.reject(line, "language: " + e.getMessage());
            }
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (var column : header.fields().entrySet()) {
            String value = cell(record, column.getKey());
            if (value != null) {
                FieldDefinition definition = column.getValue();
                try {
                    fields.put(definition.getName(), definition.getType().canonical(value));
                } catch (IllegalArgumentException e) {
                    return progress.reject(line, definition.getName() + ": " + e.getMessage());
                }
            }
        }
        return new Row(line, phone, name, language, fields);
    }

    /** A cell's value (restored if it was neutralized on export), or null when it is blank or absent. */
    private static String cell(CSVRecord record, int index) {
        if (index < 0) {
            return null;
        }
        String value = ContactCsv.restore(record.get(index).strip());
        return value.isEmpty() ? null : value;
    }

    /** Rejections beyond the shown ones go to the report in batches, so memory holds at most one batch of them. */
    private void saveRejections(Progress progress) {
        if (progress.unsaved.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        jdbc.batchUpdate("insert into import_rejection (report_id, line, reason, created_at) values (?, ?, ?, ?)",
                progress.unsaved.stream().map(r -> new Object[] {progress.reportId, r.line(), r.reason(), now}).toList());
        progress.unsaved.clear();
    }

    /** Streams an import's whole list of rejected rows as CSV (line, reason); @return false when there is none. */
    public boolean writeRejections(String reportId, java.io.Writer out) throws IOException {
        if (jdbc.queryForObject("select count(*) from import_rejection where report_id = ?", Long.class, reportId) == 0) {
            return false;
        }
        CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader("line", "reason").get());
        jdbc.query("select line, reason from import_rejection where report_id = ? order by line", rs -> {
            try {
                csv.printRecord(rs.getLong(1), rs.getString(2));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, reportId);
        csv.flush();
        return true;
    }

    private void write(Long listId, List<Row> rows, Progress progress) {
        saveRejections(progress);
        if (rows.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        Map<String, Long> ids = idsByPhone(rows.stream().map(Row::phone).toList());
        List<Row> fresh = rows.stream().filter(r -> !ids.containsKey(r.phone())).toList();
        List<Row> known = rows.stream().filter(r -> ids.containsKey(r.phone())).toList();

        jdbc.batchUpdate("insert into contact (phone, name, language, marketing_consent, blocked, unread, created_at, updated_at) "
                + "values (?, ?, ?, false, false, false, ?, ?)",
                fresh.stream().map(r -> new Object[] {r.phone(), r.name(), r.language(), now, now}).toList());
        if (!fresh.isEmpty()) {
            ids.putAll(idsByPhone(fresh.stream().map(Row::phone).toList()));
        }
        jdbc.batchUpdate("update contact set name = coalesce(?, name), language = coalesce(?, language), updated_at = ? where id = ?",
                known.stream().map(r -> new Object[] {r.name(), r.language(), now, ids.get(r.phone())}).toList());

        List<Object[]> fieldKeys = new ArrayList<>();
        List<Object[]> fieldValues = new ArrayList<>();
        for (Row row : rows) {
            Long id = ids.get(row.phone());
            row.fields().forEach((field, value) -> {
                fieldKeys.add(new Object[] {id, field});
                fieldValues.add(new Object[] {id, field, value});
            });
        }
        jdbc.batchUpdate("delete from contact_field where contact_id = ? and field = ?", fieldKeys);
        jdbc.batchUpdate("insert into contact_field (contact_id, field, field_value) values (?, ?, ?)", fieldValues);

        int[] added = jdbc.batchUpdate("insert into list_member (list_id, contact_id, added_at) select ?, ?, ? "
                + "where not exists (select 1 from list_member where list_id = ? and contact_id = ?)",
                rows.stream().map(r -> new Object[] {listId, ids.get(r.phone()), now, listId, ids.get(r.phone())}).toList());
        for (int i = 0; i < added.length; i++) {
            if (added[i] > 0) {
                progress.newMembers.add(new ContactsImportedToList.Member(ids.get(rows.get(i).phone()), rows.get(i).phone()));
            }
        }

        progress.imported += fresh.size();
        progress.updated += known.size();
    }

    private Map<String, Long> idsByPhone(List<String> phones) {
        Map<String, Long> ids = new HashMap<>();
        named.query("select id, phone from contact where phone in (:phones)", Map.of("phones", phones),
                rs -> {
                    ids.put(rs.getString("phone"), rs.getLong("id"));
                });
        return ids;
    }

    private ApiException unreadable(Throwable cause, long line) {
        if (cause instanceof LimitedInputStream.TooLargeException) {
            return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "File too large",
                    "A CSV import is at most " + maxSize.toMegabytes() + " MB; split the file. Nothing was imported.", "file");
        }
        if (cause instanceof CharacterCodingException) {
            return ApiException.invalid("file", "The file is not UTF-8 text (near line " + line
                    + "); save it as 'CSV UTF-8'. Nothing was imported.");
        }
        return ApiException.invalid("file", "The file is not valid CSV after line " + line + ": " + cause.getMessage()
                + ". Nothing was imported.");
    }

    private static final class Progress {
        final String reportId;
        int imported;
        int updated;
        long lastLine = 1;
        long rejectedCount;
        final List<Rejection> rejected = new ArrayList<>();
        final List<Rejection> unsaved = new ArrayList<>();
        final List<ContactsImportedToList.Member> newMembers = new ArrayList<>();

        Progress(String reportId) {
            this.reportId = reportId;
        }

        Row reject(long line, String reason) {
            Rejection rejection = new Rejection(line, reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON - 1) + "…"
                    : reason);
            rejectedCount++;
            if (rejected.size() < REJECTIONS_SHOWN) {
                rejected.add(rejection);
            }
            unsaved.add(rejection);
            return null;
        }
    }
}
