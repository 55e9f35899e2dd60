package org.dialoghook.internal.replay;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * What the server's management model, as the platform MBean server shows it, says about a cache bound in JNDI:
 * its expiry and its evictions. WildFly binds a cache {@code <cache>} of a cache container {@code <container>} at
 * {@code java:jboss/infinispan/cache/<container>/<cache>}, shows its configuration as
 * {@code jboss.as:subsystem=infinispan,cache-container=<container>,<kind>-cache=<cache>} and, when its
 * statistics are on, its figures as {@code jboss.as:subsystem=infinispan,cache-container=<container>,cache=<cache>}
 * (older versions showed them with the configuration). For any other name, or when the model is not there,
 * nothing is known.
 */
final class CacheManagementModel {

    private static final Pattern WILDFLY_CACHE = Pattern.compile("java:jboss/infinispan/cache/([\\w.-]+)/([\\w.-]+)");

    private final ObjectName cache;
    private final ObjectName figures;

    private CacheManagementModel(ObjectName cache, ObjectName figures) {
        this.cache = cache;
        this.figures = figures;
    }

    /**
     * Finds the model of the cache bound at a JNDI name.
     *
     * @param jndiName the name
     * @return the model; {@link #isKnown()} is false when there is none
     */
    static CacheManagementModel of(String jndiName) {
        Matcher name = WILDFLY_CACHE.matcher(jndiName);
        if (!name.matches()) {
            return new CacheManagementModel(null, null);
        }
        ObjectName figures = ManagementBeans.name("jboss.as:subsystem=infinispan,cache-container=" + name.group(1)
                + ",cache=" + name.group(2));
        for (ObjectName candidate : ManagementBeans.find("jboss.as:subsystem=infinispan,cache-container="
                + name.group(1) + ",*")) {
            if (candidate.getKeyPropertyList().size() == 3 && candidate.getKeyPropertyList().entrySet().stream()
                    .anyMatch(key -> key.getKey().endsWith("-cache") && key.getValue().equals(name.group(2)))) {
                return new CacheManagementModel(candidate, figures);
            }
        }
        return new CacheManagementModel(null, figures);
    }

    /** @return whether the server's management model describes the cache */
    boolean isKnown() {
        return cache != null && lifespanMillis().isPresent();
    }

    /**
     * How long the cache keeps an entry after it was written.
     *
     * @return the lifespan; empty when entries do not expire, or when that is not known
     */
    Optional<Duration> lifespan() {
        return lifespanMillis().filter(millis -> millis > 0).map(Duration::ofMillis);
    }

    /**
     * How many entries the cache evicted to make room on this member (its statistics must be on).
     *
     * @return the count; 0 when not known
     */
    long evictions() {
        if (cache == null) {
            return 0;
        }
        Optional<Long> counted = figures == null ? Optional.empty() : ManagementBeans.number(figures, "evictions");
        return counted.or(() -> ManagementBeans.number(cache, "evictions")).orElse(0L);
    }

    private Optional<Long> lifespanMillis() {
        ObjectName expiration = cache == null ? null
                : ManagementBeans.name(cache.getCanonicalName() + ",component=expiration");
        return expiration == null ? Optional.empty() : ManagementBeans.number(expiration, "lifespan");
    }
}
