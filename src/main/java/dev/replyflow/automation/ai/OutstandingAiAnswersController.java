package dev.replyflow.automation.ai;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Customer messages the AI operator has not answered (nor handed over) yet: its answerer kept failing, or a node stopped
 * mid-answer. Each is asked again every retry interval and when a node starts; admins can ask again at once.
 */
@RestController
@RequestMapping("/api/ai-operator/outstanding")
class OutstandingAiAnswersController {

    private final AiAnswerRetries retries;

    OutstandingAiAnswersController(AiAnswerRetries retries) {
        this.retries = retries;
    }

    @GetMapping
    List<AiAnswerRetries.Outstanding> list() {
        return retries.outstanding();
    }

    @PostMapping("/retry")
    Map<String, Integer> retry() {
        return Map.of("retried", retries.retry(Duration.ZERO));
    }
}
