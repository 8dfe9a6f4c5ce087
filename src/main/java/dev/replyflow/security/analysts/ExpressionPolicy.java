package dev.replyflow.security.analysts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which expressions an analyst's automation may hold: process variables, the condition helpers' own members
 * (${contact.hasTag('vip')}, ${reply.is('yes')}, ${businessHours.nextOpening()}), the catalogue's delegates by name,
 * a few harmless methods on values (${replyText.toLowerCase()}), ${execution.getVariable('x')} and the like. Refused:
 * other beans, functions, any other method call (getClass, forName, invoke …), the class property, computed
 * [ ] access, lambdas and assignments — whatever could reach Java classes, reflection or the server's services.
 */
final class ExpressionPolicy {

    /** Methods any value may be asked: strings, numbers, lists and maps, nothing that hands out objects of the server. */
    static final Set<String> VALUE_METHODS = Set.of("toLowerCase", "toUpperCase", "trim", "strip", "contains", "startsWith",
            "endsWith", "equals", "equalsIgnoreCase", "length", "isEmpty", "isBlank", "substring", "indexOf", "replace",
            "size", "get", "containsKey", "toString", "compareTo", "matches");
    /** What ${execution…} may read or write: the instance's variables and identity, not its engine. */
    static final Set<String> EXECUTION_MEMBERS = Set.of("getVariable", "getVariableLocal", "hasVariable", "hasVariableLocal",
            "setVariable", "setVariableLocal", "removeVariable", "getVariables", "variables", "getBusinessKey", "businessKey",
            "getProcessBusinessKey", "processBusinessKey", "getProcessInstanceId", "processInstanceId", "getId", "id",
            "getCurrentActivityId", "currentActivityId", "getActivityInstanceId", "activityInstanceId", "getEventName", "eventName");
    /** Properties that lead out of the data: to the class, its loader, or the engine behind an object. */
    static final Set<String> FORBIDDEN_PROPERTIES = Set.of("class", "classLoader", "declaringClass", "processEngine",
            "processEngineServices", "processEngineConfiguration", "bpmnModelInstance", "bpmnModelElementInstance", "runtime");
    /** The engine's own names for its objects, which expose its services. */
    static final Set<String> ENGINE_OBJECTS = Set.of("task", "externalTask", "caseExecution", "variableScope",
            "variableContext", "processEngine", "processEngineServices");
    private static final Set<String> KEYWORDS = Set.of("true", "false", "null", "empty", "not", "and", "or", "div", "mod",
            "eq", "ne", "lt", "gt", "le", "ge", "instanceof");
    /** Camunda's built-in functions: harmless date helpers. */
    private static final Set<String> FUNCTIONS = Set.of("now", "dateTime");

    private final Map<String, Set<String>> allowedRoots;
    private final Set<String> forbiddenRoots;

    /**
     * @param allowedRoots the beans an expression may name, each with the members (methods and properties) it may use
     * @param forbiddenRoots every other bean name: refused rather than taken for a process variable
     */
    ExpressionPolicy(Map<String, Set<String>> allowedRoots, Set<String> forbiddenRoots) {
        this.allowedRoots = allowedRoots;
        this.forbiddenRoots = forbiddenRoots;
    }

    /** Why {@code text} (a value that may embed ${…} or #{…}) is refused, or empty when it is fine. */
    Optional<String> violation(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int at = 0;
        while (true) {
            int dollar = text.indexOf("${", at);
            int hash = text.indexOf("#{", at);
            int start = dollar < 0 ? hash : hash < 0 ? dollar : Math.min(dollar, hash);
            if (start < 0) {
                return Optional.empty();
            }
            int end = closing(text, start + 2);
            if (end < 0) {
                return Optional.of("the expression '" + text.substring(start) + "' is not closed");
            }
            Optional<String> problem = check(text.substring(start + 2, end));
            if (problem.isPresent()) {
                return Optional.of("'" + text.substring(start, end + 1) + "': " + problem.get());
            }
            at = end + 1;
        }
    }

    private record Token(char kind, String text) {
        // kinds: i identifier, s string, n number, . ( ) [ ], o other operator
    }

    private Optional<String> check(String expression) {
        List<Token> tokens;
        try {
            tokens = tokens(expression);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            Token previous = i == 0 ? null : tokens.get(i - 1);
            Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            if (t.kind() == 'o' && (t.text().equals("->") || t.text().equals("=") || t.text().equals(";")
                    || t.text().equals("+="))) {
                return Optional.of("lambdas, assignments and statements are not allowed");
            }
            if (t.kind() == '[') {
                if (next == null || (next.kind() != 'n' && next.kind() != 's')) {
                    return Optional.of("[ ] takes a number or a quoted name only");
                }
                if (next.kind() == 's') {
                    boolean call = i + 3 < tokens.size() && tokens.get(i + 3).kind() == '(';
                    Optional<String> member = member(rootBefore(tokens, i), next.text(), call);
                    if (member.isPresent()) {
                        return member;
                    }
                }
            }
            if (t.kind() != 'i') {
                continue;
            }
            boolean call = next != null && next.kind() == '(';
            if (previous != null && previous.kind() == '.') {
                Optional<String> member = member(rootBefore(tokens, i - 1), t.text(), call);
                if (member.isPresent()) {
                    return member;
                }
                continue;
            }
            if (KEYWORDS.contains(t.text())) {
                continue;
            }
            if (call || (next != null && next.kind() == 'o' && next.text().equals(":") && i + 3 < tokens.size()
                    && tokens.get(i + 3).kind() == '(')) {
                if (!call || !FUNCTIONS.contains(t.text())) {
                    return Optional.of("the function '" + t.text() + "' is not allowed");
                }
                continue;
            }
            if (ENGINE_OBJECTS.contains(t.text()) || forbiddenRoots.contains(t.text())) {
                return Optional.of("'" + t.text() + "' is not a step, a condition helper or a process variable");
            }
        }
        return Optional.empty();
    }

    /** The root identifier of the chain a member access at {@code dotOrBracket} belongs to, when the access is its first. */
    private static String rootBefore(List<Token> tokens, int dotOrBracket) {
        if (dotOrBracket >= 1 && tokens.get(dotOrBracket - 1).kind() == 'i') {
            boolean startsChain = dotOrBracket < 2 || (tokens.get(dotOrBracket - 2).kind() != '.');
            return startsChain ? tokens.get(dotOrBracket - 1).text() : null;
        }
        return null;
    }

    private Optional<String> member(String root, String name, boolean call) {
        if ("execution".equals(root)) {
            return EXECUTION_MEMBERS.contains(name) ? Optional.empty()
                    : Optional.of("execution." + name + " is not allowed; use getVariable, setVariable or getBusinessKey");
        }
        if (root != null && allowedRoots.containsKey(root)) {
            return allowedRoots.get(root).contains(name) ? Optional.empty()
                    : Optional.of(root + "." + name + " is not one of " + root + "'s conditions " + allowedRoots.get(root));
        }
        if (call) {
            return VALUE_METHODS.contains(name) ? Optional.empty() : Optional.of("the method '" + name + "' is not allowed");
        }
        return FORBIDDEN_PROPERTIES.contains(name) ? Optional.of("the property '" + name + "' is not allowed") : Optional.empty();
    }

    /** The index of the brace closing the expression opened before {@code from}, skipping string literals; -1 if none. */
    private static int closing(String text, int from) {
        int depth = 0;
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        return -1;
    }

    private static List<Token> tokens(String expression) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < expression.length()) {
            char c = expression.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                StringBuilder value = new StringBuilder();
                int j = i + 1;
                while (j < expression.length() && expression.charAt(j) != c) {
                    if (expression.charAt(j) == '\\' && j + 1 < expression.length()) {
                        j++;
                    }
                    value.append(expression.charAt(j++));
                }
                if (j >= expression.length()) {
                    throw new IllegalArgumentException("a quoted text is not closed");
                }
                tokens.add(new Token('s', value.toString()));
                i = j + 1;
            } else if (Character.isJavaIdentifierStart(c)) {
                int j = i;
                while (j < expression.length() && Character.isJavaIdentifierPart(expression.charAt(j))) {
                    j++;
                }
                tokens.add(new Token('i', expression.substring(i, j)));
                i = j;
            } else if (Character.isDigit(c)) {
                int j = i;
                while (j < expression.length() && (Character.isLetterOrDigit(expression.charAt(j)) || expression.charAt(j) == '.')) {
                    j++;
                }
                tokens.add(new Token('n', expression.substring(i, j)));
                i = j;
            } else if (".()[]".indexOf(c) >= 0) {
                tokens.add(new Token(c, String.valueOf(c)));
                i++;
            } else {
                int j = i + 1;
                while (j < expression.length() && "=<>!&|-+:;>".indexOf(expression.charAt(j)) >= 0
                        && "=<>!&|-+".indexOf(c) >= 0 && j - i < 2) {
                    j++;
                }
                tokens.add(new Token('o', expression.substring(i, j)));
                i = j;
            }
        }
        return tokens;
    }
}
