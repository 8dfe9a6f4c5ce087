package dev.replyflow.campaign;

import java.time.Instant;
import java.util.List;

/**
 * POST /api/campaigns: a name, an audience (a list, or tags all/any, minus an optional list), what to send (an
 * automation key or a template), when (startAt, default now) and how fast (rate, messages/s).
 */
public record CampaignRequest(String name, AudienceRequest audience, String automation, TemplateRequest template,
        Instant startAt, Integer rate) {

    public record AudienceRequest(String list, TagsRequest tags, String exceptList) {
    }

    public record TagsRequest(List<String> all, List<String> any) {
    }

    public record TemplateRequest(String name, String language, List<String> parameters) {
    }
}
