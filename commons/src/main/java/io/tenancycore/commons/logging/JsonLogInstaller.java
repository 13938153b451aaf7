package io.tenancycore.commons.logging;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.logging.Handler;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.formatters.JsonFormatter;

/**
 * Where Quarkus' JSON console logging is on ({@code quarkus.log.console.json.enabled}, the default outside dev and
 * test), replaces its formatter with {@link JsonLogFormatter}, which writes the fields DESIGN.md names at the top
 * level. Quarkus offers no hook for a custom formatter, so this happens at startup, before the first request.
 */
@ApplicationScoped
public class JsonLogInstaller {

    void install(@Observes @Priority(1) StartupEvent start) {
        for (Handler handler : LogContext.getLogContext().getLogger("").getHandlers()) {
            replaceJsonFormatter(handler);
        }
    }

    static void replaceJsonFormatter(Handler handler) {
        if (handler.getFormatter() instanceof JsonFormatter) {
            handler.setFormatter(new JsonLogFormatter());
        }
        if (handler instanceof ExtHandler parent) {
            for (Handler child : parent.getHandlers()) {
                replaceJsonFormatter(child);
            }
        }
    }
}
