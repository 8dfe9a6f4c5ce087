package dev.replyflow.automation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the lines of a parameter declared with {@link StepParameter.Items} (reply buttons, list rows): "id=Title", or
 * "Title" as its own id; "id=Title | Description" where descriptions are allowed; "# Section title" starting a section
 * where sections are. The Send Message step sends what this reads, the deploy-time validator refuses what
 * {@link #problems} finds, and the modelers' lint (webapp/src/replyflow/lint/step-items.js) reads and checks the same
 * way, from the limits the catalogue declares.
 */
public final class ItemLines {

    public record Item(String id, String title, String description) {
    }

    /** A section (title null when the items come before any "# Title" line). */
    public record Group(String title, List<Item> items) {
    }

    private ItemLines() {
    }

    public static List<Group> parse(List<String> lines, StepParameter.Items format) {
        List<Group> groups = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (format.sectionTitleMax() > 0 && line.startsWith("#")) {
                groups.add(new Group(line.substring(1).strip(), new ArrayList<>()));
                continue;
            }
            if (groups.isEmpty()) {
                groups.add(new Group(null, new ArrayList<>()));
            }
            int eq = line.indexOf('=');
            String rest = eq > 0 ? line.substring(eq + 1) : line;
            String description = null;
            int bar = format.descriptionMax() > 0 ? rest.indexOf('|') : -1;
            if (bar >= 0) {
                description = rest.substring(bar + 1).strip();
                rest = rest.substring(0, bar);
            }
            String title = rest.strip();
            String id = eq > 0 ? line.substring(0, eq).strip() : title;
            groups.get(groups.size() - 1).items().add(new Item(id, title, description == null || description.isEmpty()
                    ? null : description));
        }
        return groups;
    }

    /** What breaks the declared limits, one message per problem (WhatsApp would refuse the message). */
    public static List<String> problems(List<Group> groups, StepParameter.Items format) {
        List<String> problems = new ArrayList<>();
        String noun = format.noun();
        int count = groups.stream().mapToInt(g -> g.items().size()).sum();
        if (count > format.max()) {
            problems.add("has " + count + " " + noun + "s, WhatsApp allows at most " + format.max());
        }
        if (groups.size() > 1 && groups.stream().anyMatch(g -> g.title() == null)) {
            problems.add("with several sections, every " + noun + " belongs to one with a title (a line '# Title' above it)");
        }
        Set<String> ids = new HashSet<>();
        for (Group group : groups) {
            if (group.title() != null) {
                String section = "section '" + group.title() + "'";
                if (group.title().isEmpty()) {
                    problems.add("a section line '#' needs a title");
                } else {
                    tooLong(problems, section + ": the title", group.title(), format.sectionTitleMax());
                }
                if (group.items().isEmpty()) {
                    problems.add(section + " has no " + noun + "s");
                }
            }
            for (Item item : group.items()) {
                String what = noun + " '" + item.id() + "'";
                if (item.id().isEmpty()) {
                    problems.add(noun + " '" + item.title() + "' has an empty id");
                }
                tooLong(problems, what + ": the id", item.id(), format.idMax());
                if (item.title().isEmpty()) {
                    problems.add(what + " has no title");
                }
                tooLong(problems, what + ": the title", item.title(), format.titleMax());
                if (item.description() != null) {
                    tooLong(problems, what + ": the description", item.description(), format.descriptionMax());
                }
                if (!item.id().isEmpty() && !ids.add(item.id())) {
                    problems.add("the id '" + item.id() + "' is used twice");
                }
            }
        }
        return problems;
    }

    private static void tooLong(List<String> problems, String what, String value, int max) {
        int length = length(value);
        if (length > max) {
            problems.add(what + " has " + length + " characters, at most " + max);
        }
    }

    /** Characters as a customer sees them: an emoji counts once (the lint counts the same way). */
    static int length(String value) {
        return value.codePointCount(0, value.length());
    }
}
