package dev.replyflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.replyflow.support.ApiTest;

/** Job acquisition looks the due jobs up by index, not by reading every waiting contact's No Response timer. */
class JobDueDateIndexTest extends ApiTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void dueJobsAreFoundThroughTheDueDateIndex() {
        String plan = jdbc.queryForObject("explain select ID_ from ACT_RU_JOB where DUEDATE_ <= current_timestamp",
                String.class);

        assertThat(plan).containsIgnoringCase("ACT_IDX_JOB_DUEDATE");
    }
}
