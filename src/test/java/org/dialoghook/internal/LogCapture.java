package org.dialoghook.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects the lines one class's logger writes, from {@link #of} until {@link #close}. */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture(Class<?> type) {
        this.logger = Logger.getLogger(type.getName());
        logger.addHandler(handler);
    }

    /**
     * Starts collecting.
     *
     * @param type the class whose logger to listen to
     * @return the capture; close it when the test is done
     */
    public static LogCapture of(Class<?> type) {
        return new LogCapture(type);
    }

    /**
     * The lines so far, oldest first.
     *
     * @return the records
     */
    public List<LogRecord> records() {
        return records;
    }

    /**
     * The latest line.
     *
     * @return the record
     */
    public LogRecord last() {
        return records.get(records.size() - 1);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
