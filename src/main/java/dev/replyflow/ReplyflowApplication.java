package dev.replyflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import dev.replyflow.clock.PlatformClock;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ReplyflowApplication {

    public static void main(String[] args) {
        SpringApplication.run(ReplyflowApplication.class, args);
    }

    /** The platform clock: every timestamp Replyflow writes comes from here, so it can be moved in one place. */
    @Bean
    PlatformClock clock() {
        return new PlatformClock();
    }
}
