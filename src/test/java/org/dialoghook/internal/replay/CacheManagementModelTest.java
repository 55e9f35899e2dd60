package org.dialoghook.internal.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.JMException;
import javax.management.MBeanInfo;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the receiver reads of a WildFly cache from the management model, with beans of the same names registered in
 * the platform MBean server: the lifespan from the configuration's expiration component, the evictions from the
 * cache's statistics resource, or from the configuration where an older WildFly shows them there.
 */
class CacheManagementModelTest {

    private static final String JNDI = "java:jboss/infinispan/cache/dh-test/replays";
    private static final String CONTAINER = "jboss.as:subsystem=infinispan,cache-container=dh-test";

    private final List<ObjectName> registered = new ArrayList<>();

    @AfterEach
    void unregister() throws JMException {
        for (ObjectName name : registered) {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        }
    }

    private void register(String name, Map<String, Object> attributes) throws JMException {
        ObjectName objectName = new ObjectName(name);
        ManagementFactory.getPlatformMBeanServer().registerMBean(new Attributes(attributes), objectName);
        registered.add(objectName);
    }

    @Test
    void theLifespanComesFromTheExpirationAndTheEvictionsFromTheCachesStatistics() throws JMException {
        register(CONTAINER + ",replicated-cache=replays", Map.of("evictions", 3L));
        register(CONTAINER + ",replicated-cache=replays,component=expiration", Map.of("lifespan", 600_000L));
        register(CONTAINER + ",cache=replays", Map.of("evictions", 29L));
        CacheManagementModel model = CacheManagementModel.of(JNDI);
        assertTrue(model.isKnown());
        assertEquals(Optional.of(Duration.ofMinutes(10)), model.lifespan());
        assertEquals(29, model.evictions(), "the statistics resource's count, not the configuration's");
    }

    @Test
    void whereTheStatisticsResourceIsMissingTheConfigurationsCountIsRead() throws JMException {
        register(CONTAINER + ",distributed-cache=replays", Map.of("evictions", 7L));
        register(CONTAINER + ",distributed-cache=replays,component=expiration", Map.of("lifespan", 0L));
        CacheManagementModel model = CacheManagementModel.of(JNDI);
        assertTrue(model.isKnown());
        assertEquals(Optional.empty(), model.lifespan(), "a lifespan of 0 keeps records until they are removed");
        assertEquals(7, model.evictions());
    }

    @Test
    void aCacheTheModelDoesNotDescribeIsNotKnown() {
        CacheManagementModel model = CacheManagementModel.of(JNDI);
        assertFalse(model.isKnown());
        assertEquals(Optional.empty(), model.lifespan());
        assertEquals(0, model.evictions());
        assertFalse(CacheManagementModel.of("java:global/not/infinispan").isKnown());
    }

    /** A bean with fixed attributes, as the management model shows them. */
    private static final class Attributes implements DynamicMBean {

        private final Map<String, Object> values;

        Attributes(Map<String, Object> values) {
            this.values = values;
        }

        @Override
        public Object getAttribute(String attribute) throws AttributeNotFoundException {
            if (!values.containsKey(attribute)) {
                throw new AttributeNotFoundException(attribute);
            }
            return values.get(attribute);
        }

        @Override
        public void setAttribute(Attribute attribute) {
            throw new UnsupportedOperationException();
        }

        @Override
        public AttributeList getAttributes(String[] attributes) {
            AttributeList list = new AttributeList();
            for (String name : attributes) {
                if (values.containsKey(name)) {
                    list.add(new Attribute(name, values.get(name)));
                }
            }
            return list;
        }

        @Override
        public AttributeList setAttributes(AttributeList attributes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object invoke(String actionName, Object[] params, String[] signature) {
            throw new UnsupportedOperationException(actionName);
        }

        @Override
        public MBeanInfo getMBeanInfo() {
            return new MBeanInfo(Attributes.class.getName(), "test bean", null, null, null, null);
        }
    }
}
