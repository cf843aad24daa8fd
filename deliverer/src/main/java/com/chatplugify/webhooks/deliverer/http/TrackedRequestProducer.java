package com.chatplugify.webhooks.deliverer.http;

import java.io.IOException;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.RequestChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * A request producer that knows whether its request went out. A proxy that refuses a tunnel answers the
 * {@code CONNECT} with a response httpclient5 hands over as the request's own: a response to a request that never
 * went out is the proxy's.
 */
final class TrackedRequestProducer implements AsyncRequestProducer {

    private final AsyncRequestProducer request;
    private volatile boolean sent;

    TrackedRequestProducer(AsyncRequestProducer request) {
        this.request = request;
    }

    boolean sent() {
        return sent;
    }

    @Override
    public void sendRequest(RequestChannel channel, HttpContext context) throws HttpException, IOException {
        sent = true;
        request.sendRequest(channel, context);
    }

    @Override
    public boolean isRepeatable() {
        return request.isRepeatable();
    }

    @Override
    public void failed(Exception cause) {
        request.failed(cause);
    }

    @Override
    public int available() {
        return request.available();
    }

    @Override
    public void produce(DataStreamChannel channel) throws IOException {
        request.produce(channel);
    }

    @Override
    public void releaseResources() {
        request.releaseResources();
    }
}
