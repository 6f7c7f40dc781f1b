package dev.orchestrator.migrate;

import dev.orchestrator.descriptor.AppKey;

/** {@code cron_restart}: PM2 takes 5 or 6 fields (seconds first); ours takes 5. */
final class Cron {

    private Cron() {
    }

    static void apply(Object value, TranslatedApp out, AppNotes notes) {
        if (value == null) {
            return;
        }
        String text = TextValues.string(value).strip();
        if (text.equals("0")) {
            notes.dropped("cron_restart: 0 not written: PM2 reads it as no cron restart");
            return;
        }
        String[] fields = text.split("\\s+");
        if (fields.length == 6 && fields[0].equals("0")) {
            String five = text.substring(text.indexOf(fields[1], fields[0].length()));
            out.keys().put(AppKey.CRON_RESTART, five);
            notes.mapped("cron_restart '" + text + "' has a seconds field (0): written as '" + five + "'");
        } else if (fields.length == 6) {
            notes.unsupported("cron_restart '" + text + "' not imported: restarts at a second other than 0 are not "
                    + "possible; cron_restart takes minute hour day-of-month month day-of-week");
        } else {
            out.keys().put(AppKey.CRON_RESTART, text);
        }
    }
}
