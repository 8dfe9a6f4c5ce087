package dev.replyflow.dates;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs the {@link DateTriggerScheduler}'s periodic check. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class DateTriggerConfiguration {
}
