package dev.replyflow.security.analysts;

import java.util.AbstractMap;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationContext;

/**
 * The beans expressions may name, looked up in the application context only when an expression asks (the engine
 * is built before most beans exist).
 */
class ExpressionBeans extends AbstractMap<Object, Object> {

    private final ApplicationContext context;
    private final Set<String> names;

    ExpressionBeans(ApplicationContext context, Set<String> names) {
        this.context = context;
        this.names = Set.copyOf(names);
    }

    Set<String> names() {
        return names;
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String name && names.contains(name) && context.containsBean(name);
    }

    @Override
    public Object get(Object key) {
        return containsKey(key) ? context.getBean((String) key) : null;
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
        return names.stream().filter(context::containsBean)
                .map(name -> (Entry<Object, Object>) new SimpleImmutableEntry<Object, Object>(name, context.getBean(name)))
                .collect(Collectors.toUnmodifiableSet());
    }
}
