package dev.replyflow.gallery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SignalEventDefinition;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.replyflow.messaging.template.TemplateRequest;

/**
 * The ready-made automations shipped in the jar under gallery/ (gallery.json describes them, gallery/&lt;id&gt;.bpmn
 * is each model). They are offered, never deployed by themselves: an analyst picks one and gives it a key.
 */
@Component
public class Gallery {

    static final String FOLDER = "gallery/";

    private final List<GalleryEntry.Manifest> manifest;

    public Gallery(ObjectMapper json) {
        try (InputStream in = new ClassPathResource(FOLDER + "gallery.json").getInputStream()) {
            this.manifest = List.copyOf(json.readValue(in, new TypeReference<List<GalleryEntry.Manifest>>() { }));
        } catch (IOException e) {
            throw new UncheckedIOException("gallery/gallery.json is missing or malformed", e);
        }
    }

    public List<GalleryEntry> entries() {
        return manifest.stream().map(m -> new GalleryEntry(m.id(), m.name(), m.description(), trigger(model(m.id())),
                m.templates().stream().map(TemplateRequest::name).toList())).toList();
    }

    Optional<GalleryEntry.Manifest> find(String id) {
        return manifest.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** A fresh copy of the entry's model, to be renamed before deployment. */
    BpmnModelInstance model(String id) {
        try (InputStream in = new ClassPathResource(FOLDER + id + ".bpmn").getInputStream()) {
            return Bpmn.readModelFromStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException("gallery/" + id + ".bpmn is missing", e);
        }
    }

    /** The name of the message or signal that starts the process, or "integration" (started by API or another step). */
    static String trigger(BpmnModelInstance model) {
        for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
            if (!(start.getParentElement() instanceof Process)) {
                continue; // an event subprocess' start is not the trigger
            }
            for (MessageEventDefinition message : start.getChildElementsByType(MessageEventDefinition.class)) {
                if (message.getMessage() != null) {
                    return message.getMessage().getName();
                }
            }
            for (SignalEventDefinition signal : start.getChildElementsByType(SignalEventDefinition.class)) {
                if (signal.getSignal() != null) {
                    return signal.getSignal().getName();
                }
            }
        }
        return "integration";
    }
}
