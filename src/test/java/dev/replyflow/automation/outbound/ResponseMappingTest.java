package dev.replyflow.automation.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class ResponseMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void copiesValuesInTheirTypeAndSkipsMissingOnes() throws Exception {
        ResponseMapping mapping = ResponseMapping.parse(List.of("crmId=/id", "score = /data/score", "ok=/data/ok",
                "ratio=/data/ratio", "tags=/data/tags", "gone=/data/gone", "cleared=/data/cleared", "second=/data/tags/1"));

        Map<String, Object> values = mapping.valuesFrom(JSON.readTree("""
                {"id":"crm-1","data":{"score":7,"ok":true,"ratio":0.5,"tags":["a","b"],"cleared":null}}"""));

        assertThat(values).containsExactly(Map.entry("crmId", "crm-1"), Map.entry("score", 7L), Map.entry("ok", true),
                Map.entry("ratio", 0.5), Map.entry("tags", "[\"a\",\"b\"]"), new java.util.AbstractMap.SimpleEntry<>("cleared", null),
                Map.entry("second", "b"));
    }

    @Test
    void refusesALineThatIsNotNameEqualsPointer() {
        assertThatThrownBy(() -> ResponseMapping.parse(List.of("crmId"))).hasMessageContaining("'crmId'");
        assertThatThrownBy(() -> ResponseMapping.parse(List.of("crmId=id"))).hasMessageContaining("must start with /");
        assertThatThrownBy(() -> ResponseMapping.parse(List.of("=/id"))).hasMessageContaining("'=/id'");
    }
}
