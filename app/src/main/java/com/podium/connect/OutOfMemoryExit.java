package com.podium.connect;

import java.lang.management.ManagementFactory;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * Says loudly at start-up when the JVM was started without {@code -XX:+ExitOnOutOfMemoryError}. Without it, an
 * out-of-memory error kills whichever threads hit it (HTTP, Kafka producer, refresher) and leaves a process that
 * looks alive, holds its leases and outbox claims, and ignored SIGTERM in the issue 8 run; with it the JVM exits and
 * is restarted, and its leases and claims run out for the other instances to take over.
 */
@Component
class OutOfMemoryExit {

    private static final Logger log = LoggerFactory.getLogger(OutOfMemoryExit.class);

    @EventListener(ApplicationReadyEvent.class)
    void warnIfTheJvmLivesOnAfterOutOfMemory() {
        if (!exitsOnOutOfMemory()) {
            log.warn("This JVM was started without -XX:+ExitOnOutOfMemoryError: out of memory, it would live on with "
                    + "dead threads instead of exiting to be restarted (README, \"Running in production\")");
        }
    }

    /** Whether this JVM ends itself on the first out-of-memory error (exit or crash). */
    static boolean exitsOnOutOfMemory() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        return vm != null && Stream.of("ExitOnOutOfMemoryError", "CrashOnOutOfMemoryError")
            .anyMatch(flag -> Boolean.parseBoolean(vm.getVMOption(flag).getValue()));
    }
}
