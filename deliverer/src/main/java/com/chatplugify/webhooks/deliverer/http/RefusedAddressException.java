package com.chatplugify.webhooks.deliverer.http;

import java.net.UnknownHostException;

/**
 * An endpoint's host resolved only to addresses the {@code AddressPolicy} refuses. It extends
 * {@link UnknownHostException} because httpclient5's connector expects that from a resolver; to the deliverer it
 * means "refused", not "unreachable".
 */
public final class RefusedAddressException extends UnknownHostException {

    public RefusedAddressException(String message) {
        super(message);
    }
}
