package dev.replyflow.campaign;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import dev.replyflow.web.ApiException;

/** The campaign table, in plain SQL: status changes lock the row, so an API call and a slice job never interleave. */
@Repository
class CampaignStore {

    private static final String COLUMNS = "id, name, status, list_id, list_name, tags, tags_match, except_list_id, "
            + "except_list_name, automation_key, template_name, template_language, template_parameters, start_at, rate, "
            + "current_rate, throttled_until, reserved, slice_seq, created_by, created_at, launched_at, finished_at";

    private final JdbcTemplate jdbc;

    CampaignStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String name, Long listId, String listName, List<String> tags, boolean allTags, Long exceptListId,
            String exceptListName, String automationKey, String templateName, String templateLanguage,
            List<String> templateParameters, Instant startAt, int rate, String createdBy, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("insert into campaign (name, status, list_id, list_name, tags, "
                    + "tags_match, except_list_id, except_list_name, automation_key, template_name, template_language, "
                    + "template_parameters, start_at, rate, current_rate, created_by, created_at) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] { "id" });
            int i = 1;
            statement.setString(i++, name);
            statement.setString(i++, CampaignStatus.DRAFT.name());
            statement.setObject(i++, listId);
            statement.setString(i++, listName);
            statement.setString(i++, tags == null ? null : String.join("\n", tags));
            statement.setString(i++, tags == null ? null : allTags ? "ALL" : "ANY");
            statement.setObject(i++, exceptListId);
            statement.setString(i++, exceptListName);
            statement.setString(i++, automationKey);
            statement.setString(i++, templateName);
            statement.setString(i++, templateLanguage);
            statement.setString(i++, templateParameters == null ? null : String.join("\n", templateParameters));
            statement.setObject(i++, at(startAt));
            statement.setInt(i++, rate);
            statement.setInt(i++, rate);
            statement.setString(i++, createdBy);
            statement.setObject(i, at(now));
            return statement;
        }, key);
        return key.getKey().longValue();
    }

    Optional<Campaign> find(long id) {
        return jdbc.query("select " + COLUMNS + " from campaign where id = ?", CampaignStore::row, id).stream().findFirst();
    }

    Campaign require(long id) {
        return find(id).orElseThrow(() -> ApiException.notFound("Campaign", id));
    }

    /** The campaign, its row locked until the transaction ends. */
    Optional<Campaign> lock(long id) {
        return jdbc.query("select " + COLUMNS + " from campaign where id = ? for update", CampaignStore::row, id).stream()
                .findFirst();
    }

    List<Campaign> all() {
        return jdbc.query("select " + COLUMNS + " from campaign order by id desc", CampaignStore::row);
    }

    void launched(long id, CampaignStatus status, BigDecimal reserved, Instant now) {
        jdbc.update("update campaign set status = ?, reserved = ?, launched_at = ? where id = ?", status.name(), reserved,
                at(now), id);
    }

    void status(long id, CampaignStatus status) {
        jdbc.update("update campaign set status = ? where id = ?", status.name(), id);
    }

    /** The number of the next slice job: any job with another number (stale, duplicated) does nothing. */
    int nextSlice(long id) {
        jdbc.update("update campaign set slice_seq = slice_seq + 1 where id = ?", id);
        return jdbc.queryForObject("select slice_seq from campaign where id = ?", Integer.class, id);
    }

    void finished(long id, CampaignStatus status, Instant now) {
        jdbc.update("update campaign set status = ?, reserved = 0, finished_at = ? where id = ?", status.name(), at(now), id);
    }

    void spent(long id, BigDecimal released) {
        jdbc.update("update campaign set reserved = reserved - ? where id = ?", released, id);
    }

    void currentRate(long id, int rate) {
        jdbc.update("update campaign set current_rate = ? where id = ?", rate, id);
    }

    /**
     * WhatsApp said "slow down": every running campaign not already held halves its rate (at least 1/s) and holds it
     * until {@code until}. Once per hold: one burst brings an answer per message in flight, and their retries more.
     */
    int slowDown(Instant now, Instant until) {
        return jdbc.update("update campaign set current_rate = case when current_rate > 1 then current_rate / 2 else 1 end, "
                + "throttled_at = ?, throttled_until = ? where status = ? and (throttled_until is null or throttled_until <= ?)",
                at(now), at(until), CampaignStatus.RUNNING.name(), at(now));
    }

    static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static List<String> lines(String value) {
        return value == null ? null : value.isEmpty() ? List.of() : Arrays.asList(value.split("\n", -1));
    }

    private static Campaign row(ResultSet rs, int i) throws SQLException {
        return new Campaign(rs.getLong("id"), rs.getString("name"), CampaignStatus.valueOf(rs.getString("status")),
                rs.getObject("list_id", Long.class), rs.getString("list_name"), lines(rs.getString("tags")),
                "ALL".equals(rs.getString("tags_match")), rs.getObject("except_list_id", Long.class),
                rs.getString("except_list_name"), rs.getString("automation_key"), rs.getString("template_name"),
                rs.getString("template_language"), lines(rs.getString("template_parameters")), instant(rs, "start_at"),
                rs.getInt("rate"), rs.getInt("current_rate"), instant(rs, "throttled_until"), rs.getBigDecimal("reserved"),
                rs.getInt("slice_seq"), rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "launched_at"),
                instant(rs, "finished_at"));
    }
}
