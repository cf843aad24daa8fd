package com.chatplugify.webhooks.deliverer.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpResponse;

/** Reads a response keeping at most {@link #MAX_BODY_BYTES} of its body, so no receiver can exhaust memory. */
public final class BoundedResponseConsumer extends AbstractBinResponseConsumer<HttpAttempt> {

    /** The most of a response body kept; the rest is read and dropped. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private final long startedNanos;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int status;
    private String retryAfter;

    BoundedResponseConsumer(long startedNanos) {
        this.startedNanos = startedNanos;
    }

    @Override
    protected void start(HttpResponse response, ContentType contentType) {
        status = response.getCode();
        Header header = response.getFirstHeader(HttpHeaders.RETRY_AFTER);
        retryAfter = header == null ? null : header.getValue();
    }

    @Override
    protected int capacityIncrement() {
        return 16 * 1024;
    }

    @Override
    protected void data(ByteBuffer src, boolean endOfStream) {
        int room = MAX_BODY_BYTES - body.size();
        int take = Math.min(room, src.remaining());
        if (take > 0) {
            byte[] chunk = new byte[take];
            src.get(chunk);
            body.write(chunk, 0, take);
        }
        // Whatever exceeds the bound is read and dropped, keeping the connection usable.
        src.position(src.limit());
    }

    @Override
    protected HttpAttempt buildResult() {
        return new HttpAttempt(status, retryAfter, body.toByteArray(), Duration.ofNanos(System.nanoTime() - startedNanos), null);
    }

    @Override
    public void releaseResources() {
    }
}
