package dev.orchestrator.plan;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A {@code cron_restart} schedule: standard 5-field UNIX cron (minute hour day-of-month month day-of-week, with
 * ranges, steps, lists and names), parsed and evaluated by cron-utils, in the orchestrator's time zone like crontab.
 */
public final class CronSchedule {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final String expression;
    private final ExecutionTime times;

    private CronSchedule(String expression, Cron cron) {
        this.expression = expression;
        this.times = ExecutionTime.forCron(cron);
    }

    /**
     * @throws IllegalArgumentException naming the expression and what is wrong with it
     */
    public static CronSchedule parse(String expression) {
        try {
            return new CronSchedule(expression, PARSER.parse(expression.trim()).validate());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cron_restart '" + expression + "' is not a valid schedule: "
                    + e.getMessage() + "; write five fields: minute hour day-of-month month day-of-week, e.g. "
                    + "\"0 3 * * *\"", e);
        }
    }

    public String expression() {
        return expression;
    }

    /** The first time strictly after {@code after} that the schedule fires, in {@code zone}; empty if never. */
    public Optional<Instant> next(Instant after, ZoneId zone) {
        return times.nextExecution(ZonedDateTime.ofInstant(after, zone)).map(ZonedDateTime::toInstant);
    }
}
