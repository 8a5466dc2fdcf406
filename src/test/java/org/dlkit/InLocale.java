package org.dlkit;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Runs a test body with another default locale, restored afterwards (the suite runs its classes one after another, so
 * no other test sees it). The locales that break code relying on the default: German writes 1,5 and 1.234; Turkish
 * lower-cases "I" to "ı" and upper-cases "i" to "İ"; Egyptian Arabic writes the digits ٠١٢٣٤٥٦٧٨٩, even for %d.
 */
public final class InLocale {

    public static final Locale GERMAN = Locale.forLanguageTag("de-DE");
    public static final Locale TURKISH = Locale.forLanguageTag("tr-TR");
    public static final Locale ARABIC = Locale.forLanguageTag("ar-EG");

    /** Every locale above. */
    public static final List<Locale> HOSTILE = List.of(GERMAN, TURKISH, ARABIC);

    private InLocale() {
    }

    /** {@code body}'s result, computed with {@code locale} as the JVM's default locale (every category). */
    public static <T> T call(Locale locale, Supplier<T> body) {
        Locale before = Locale.getDefault();
        Locale beforeFormat = Locale.getDefault(Locale.Category.FORMAT);
        Locale beforeDisplay = Locale.getDefault(Locale.Category.DISPLAY);
        Locale.setDefault(locale);
        try {
            return body.get();
        } finally {
            Locale.setDefault(before);
            Locale.setDefault(Locale.Category.FORMAT, beforeFormat);
            Locale.setDefault(Locale.Category.DISPLAY, beforeDisplay);
        }
    }

    /** Runs {@code body} with {@code locale} as the JVM's default locale. */
    public static void run(Locale locale, Runnable body) {
        call(locale, () -> {
            body.run();
            return null;
        });
    }
}
