package com.chatplugify.webhooks.deliverer.retry;

/** A record could not be written to {@code topic}, and trying again cannot help (authorization, size, ...). */
public final class PermanentWriteException extends RuntimeException {

    public PermanentWriteException(String topic, Throwable cause) {
        super("Cannot write to " + topic + ", and trying again cannot help: " + cause, cause);
    }
}
