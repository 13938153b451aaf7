package io.tenancycore.template.engine;

import java.time.ZoneId;
import java.util.Locale;

/** What a render takes besides its data: the resolved locale, the time zone for dates, the messages. */
public record RenderEnvironment(Locale locale, ZoneId zone, MessageSource messages) {
}
