package dev.replyflow.bench;

import java.util.Map;
import java.util.TreeMap;

/** Where each contact must be at the end: contact index → end event id, or null for "still waiting". */
record Expected(Map<Integer, String> endEvents) {

    static Expected of(java.util.Collection<Integer> started, java.util.Collection<Integer> replied,
            boolean timersRan) {
        Map<Integer, String> expected = new TreeMap<>();
        java.util.Set<Integer> repliers = new java.util.HashSet<>(replied);
        for (int contact : started) {
            if (repliers.contains(contact)) {
                expected.put(contact, BenchBpmn.END_REPLIED);
            } else if (timersRan) {
                expected.put(contact, BenchBpmn.END_NO_RESPONSE);
            } else {
                expected.put(contact, null);
            }
        }
        return new Expected(expected);
    }

    long count(String endEvent) {
        return endEvents.values().stream().filter(e -> java.util.Objects.equals(e, endEvent)).count();
    }
}
