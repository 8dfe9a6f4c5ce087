package dev.replyflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;

import dev.replyflow.messaging.gateway.OutboundMessage;
import dev.replyflow.messaging.gateway.WhatsAppGateway;
import dev.replyflow.support.MutableClock;

/**
 * A slow WhatsApp makes messages wait in the sender pool's queue. One that waited past half of its wait for statuses is
 * left to OutboundRecovery, which takes it once that wait passed: sent from the queue as well, it would go out twice.
 */
class SenderQueueTest {

    private final MutableClock clock = new MutableClock();
    private final WhatsAppGateway whatsApp = mock(WhatsAppGateway.class);
    private final AcceptedSends accepted = mock(AcceptedSends.class);
    private final OutboundDispatcher dispatcher = new OutboundDispatcher(whatsApp, mock(OutboundResults.class), accepted,
            new SenderProperties(1, null, Duration.ofMinutes(2), null), clock, mock(ApplicationEventPublisher.class));
    private final List<String> sentTo = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstTaken = new CountDownLatch(1);
    private final CountDownLatch whatsAppAnswers = new CountDownLatch(1);

    SenderQueueTest() {
        when(accepted.idle()).thenReturn(true);
        when(whatsApp.send(any())).thenAnswer(call -> {
            sentTo.add(call.<OutboundMessage>getArgument(0).to());
            firstTaken.countDown();
            whatsAppAnswers.await(10, TimeUnit.SECONDS);
            return "wamid." + sentTo.size();
        });
    }

    @AfterEach
    void stop() throws InterruptedException {
        dispatcher.stop();
    }

    @Test
    void aMessageQueuedPastHalfItsWaitIsLeftToTheRecovery() throws InterruptedException {
        dispatcher.submit(1L, text("+393331000001"), 0); // the pool's one thread, waiting for WhatsApp
        assertThat(firstTaken.await(10, TimeUnit.SECONDS)).isTrue();
        dispatcher.submit(2L, text("+393331000002"), 0); // queued behind it
        clock.advance(Duration.ofSeconds(61));
        whatsAppAnswers.countDown();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(dispatcher::idle);
        assertThat(sentTo).containsExactly("+393331000001");
        verify(accepted).add(eq(1L), eq("wamid.1"), any());
        verify(accepted, never()).add(eq(2L), any(), any());
    }

    @Test
    void aMessageQueuedLessThanHalfItsWaitIsSent() throws InterruptedException {
        dispatcher.submit(1L, text("+393331000001"), 0);
        assertThat(firstTaken.await(10, TimeUnit.SECONDS)).isTrue();
        dispatcher.submit(2L, text("+393331000002"), 0);
        clock.advance(Duration.ofSeconds(59));
        whatsAppAnswers.countDown();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(dispatcher::idle);
        assertThat(sentTo).containsExactly("+393331000001", "+393331000002");
    }

    private static OutboundMessage text(String to) {
        return new OutboundMessage(to, new OutboundMessage.Text("Your order has shipped"));
    }
}
