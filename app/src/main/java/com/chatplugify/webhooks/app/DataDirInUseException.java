package com.chatplugify.webhooks.app;

/** Start-up refused because another process holds the {@code data.dir}: its message says which folder. */
public final class DataDirInUseException extends RuntimeException {

    public DataDirInUseException(String message) {
        super(message);
    }
}
