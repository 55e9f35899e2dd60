package org.dialoghook.internal.replay;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.Set;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Reads what a data grid shows of its caches in the platform MBean server (its expiry, its evictions), through
 * the standard JMX API only. Nothing found is an empty answer, never an error: the figures are for warnings.
 */
final class ManagementBeans {

    private ManagementBeans() {
    }

    /**
     * The beans whose names match a pattern.
     *
     * @param pattern an object name pattern, for example {@code javax.cache:type=CacheStatistics,Cache=x,*}
     * @return the names found; empty when none or when the pattern is not valid
     */
    static Set<ObjectName> find(String pattern) {
        try {
            return ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName(pattern), null);
        } catch (JMException | RuntimeException e) {
            return Set.of();
        }
    }

    /**
     * An object name.
     *
     * @param name the name
     * @return the object name; {@code null} when the name is not a valid one
     */
    static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (JMException e) {
            return null;
        }
    }

    /**
     * A numeric attribute of a bean.
     *
     * @param bean the bean's name
     * @param attribute the attribute
     * @return its value; empty when the bean or the attribute is not there, or is not a number
     */
    static Optional<Long> number(ObjectName bean, String attribute) {
        try {
            Object value = ManagementFactory.getPlatformMBeanServer().getAttribute(bean, attribute);
            return value instanceof Number number ? Optional.of(number.longValue()) : Optional.empty();
        } catch (JMException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
