package io.kubelite.machinery.cron;

/** A schedule that does not parse; the message says what is wrong, in robfig/cron's words. */
public final class CronSyntaxException extends IllegalArgumentException {

    public CronSyntaxException(String message) {
        super(message);
    }
}
