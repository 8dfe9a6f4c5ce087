package dev.replyflow.messaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.replyflow.contact.Contact;
import dev.replyflow.contact.ContactCsv;

/** Writes a contact's whole chat (oldest first) as CSV, streamed row by row, cells neutralized against formula injection. */
@Component
public class ChatCsvExporter {

    private final JdbcTemplate jdbc;

    public ChatCsvExporter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public void export(Contact contact, Writer out) {
        try {
            CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180);
            printer.printRecord("createdAt", "direction", "text", "template", "status", "waMessageId");
            jdbc.query("select created_at, direction, text, template, status, wa_message_id from message "
                    + "where contact_id = ? order by created_at, id", rs -> {
                        print(printer, rs);
                    }, contact.getId());
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void print(CSVPrinter printer, ResultSet rs) throws SQLException {
        try {
            printer.printRecord(Stream.of(rs.getObject("created_at", OffsetDateTime.class).toInstant().toString(),
                    rs.getString("direction"), rs.getString("text"), rs.getString("template"), rs.getString("status"),
                    rs.getString("wa_message_id")).map(ContactCsv::neutralize).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
