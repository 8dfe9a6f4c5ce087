package dev.replyflow.messaging;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * A node that starts again (after a crash, kill -9) sends nothing again before WhatsApp had time to redeliver the
 * statuses of what it sent just before: those settle the messages whose send answer the crash lost.
 */
class OutboundRecoveryRestartTest {

    private final JdbcTemplate jdbc = mock(JdbcTemplate.class);

    private OutboundRecovery recovery(Duration unknownOutcomeWait) {
        return new OutboundRecovery(jdbc, null, null, new SenderProperties(null, null, unknownOutcomeWait, null),
                Clock.systemUTC());
    }

    @Test
    void aRestartedNodeSendsNothingAgainWhileWhatsAppsStatusesMayStillCome() {
        OutboundRecovery recovery = recovery(Duration.ofHours(1));
        recovery.resendOverdue(); // still starting
        recovery.ready();
        recovery.resendOverdue(); // ready, within the wait for statuses
        verifyNoInteractions(jdbc);
    }

    @Test
    void onceItWaitedItLooksForOverduePendingMessages() {
        OutboundRecovery recovery = recovery(Duration.ZERO);
        recovery.ready();
        recovery.resendOverdue();
        verify(jdbc).query(startsWith("select id, next_attempt_at from message"), any(RowMapper.class),
                any(OffsetDateTime.class));
    }
}
