package dev.replyflow.security.analysts;

import java.util.Set;

import org.camunda.bpm.impl.juel.jakarta.el.BeanELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELException;

/**
 * Methods and properties of values, as usual, except the ways out to Java's classes and reflection
 * (${''.getClass().forName('java.lang.Runtime')}, ${x.class}): a run-time guard for every expression, admins' too,
 * behind the deploy-time rules.
 */
class GuardedBeanELResolver extends BeanELResolver {

    private static final Set<String> REFUSED = Set.of("getClass", "class", "forName", "getClassLoader", "classLoader",
            "loadClass", "newInstance", "invoke", "getMethod", "getMethods", "getDeclaredMethod", "getDeclaredMethods",
            "getField", "getDeclaredField", "getConstructor", "getDeclaredConstructor", "getRuntime", "exec", "exit", "halt");

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        guard(base, property);
        return super.getValue(context, base, property);
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        guard(base, method);
        return super.invoke(context, base, method, paramTypes, params);
    }

    private static void guard(Object base, Object member) {
        if (base == null) {
            return;
        }
        if (base instanceof Class<?> || base instanceof ClassLoader || base instanceof java.lang.reflect.AccessibleObject
                || base instanceof Runtime || (member != null && REFUSED.contains(member.toString()))) {
            throw new ELException("'" + member + "' is not allowed in expressions: it reaches Java classes or reflection");
        }
    }
}
