package dev.replyflow.messaging.webhook;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What WhatsApp delivered that could not be taken, for admins to see (and act on by hand). */
@RestController
@RequestMapping("/api/inbound/rejected")
public class RejectedInboundController {

    private final RejectedInbound rejected;

    RejectedInboundController(RejectedInbound rejected) {
        this.rejected = rejected;
    }

    @GetMapping
    public List<RejectedInbound.Entry> latest(@RequestParam(defaultValue = "100") int limit) {
        return rejected.latest(limit);
    }
}
