package dev.replyflow.automation.ai;

import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.interceptor.AsyncUncaughtExceptionHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.AsyncConfigurer;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The AI operator's workers: answers mostly wait on the model, then on WhatsApp, with no connection held. Counts the
 * answers handed to it and not finished yet, from the moment they are handed over (tests wait for none). An answer
 * that failed is logged in one line: its duty stays outstanding and is asked again (AiAnswerRetries).
 */
@Configuration(proxyBeanMethods = false)
@EnableAsync
class AiOperatorWorkers implements AsyncConfigurer {

    private static final Logger log = LoggerFactory.getLogger(AiOperatorWorkers.class);

    static final String NAME = "aiOperatorExecutor";
    private static final int WORKERS = 8;

    private final AtomicInteger inFlight = new AtomicInteger();

    @Bean(NAME)
    ThreadPoolTaskExecutor aiOperatorExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(WORKERS);
        executor.setMaxPoolSize(WORKERS);
        executor.setThreadNamePrefix("ai-operator-");
        executor.setDaemon(true);
        // decorated on the thread that hands the answer over, so the count rises before the commit's caller goes on
        executor.setTaskDecorator(task -> {
            inFlight.incrementAndGet();
            return () -> {
                try {
                    task.run();
                } finally {
                    inFlight.decrementAndGet();
                }
            };
        });
        return executor;
    }

    @Override
    public AsyncUncaughtExceptionHandler getAsyncUncaughtExceptionHandler() {
        return (failure, method, arguments) -> {
            if (failure instanceof AnswererUnavailable) {
                log.warn("AI operator: {} left outstanding, asked again later: {}", arguments[0], failure.getMessage());
            } else {
                log.error("AI operator: {} left outstanding, asked again later", arguments[0], failure);
            }
        };
    }

    boolean idle() {
        return inFlight.get() == 0;
    }
}
