package dev.replyflow.messaging.template;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Buttons are stored as a JSON array: they are read and written only with their template. */
@Converter
class TemplateButtonsConverter implements AttributeConverter<List<TemplateButton>, String> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String convertToDatabaseColumn(List<TemplateButton> buttons) {
        try {
            return JSON.writeValueAsString(buttons == null ? List.of() : buttons);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<TemplateButton> convertToEntityAttribute(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<TemplateButton>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
