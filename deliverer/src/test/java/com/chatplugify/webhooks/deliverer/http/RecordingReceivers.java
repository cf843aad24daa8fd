package com.chatplugify.webhooks.deliverer.http;

import com.chatplugify.webhooks.common.testing.RecordingReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Starts receivers where a checked exception is unwelcome (field initialisers). */
public final class RecordingReceivers {

    private RecordingReceivers() {
    }

    public static RecordingReceiver start() {
        try {
            return new RecordingReceiver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
