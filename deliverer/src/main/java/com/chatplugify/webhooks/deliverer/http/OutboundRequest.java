package com.chatplugify.webhooks.deliverer.http;

import com.chatplugify.webhooks.common.model.Redaction;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.hc.core5.http.ContentType;

/**
 * A POST the deliverer makes to an endpoint of a webhook: a delivery, or a token request to its authorization server.
 *
 * @param webhookId the webhook the request is made for: its connections carry no other webhook's requests
 * @param headers   sent as they are; never logged
 * @param identity  the client certificate to present when the server asks for one; null for none
 */
public record OutboundRequest(String webhookId, URI url, Map<String, String> headers, byte[] body,
                              ContentType contentType, ClientIdentity identity) {

    /** Exactly {@code application/json}, as the contract says: JSON is UTF-8 by definition, so no charset. */
    private static final ContentType JSON = ContentType.create("application/json");

    public OutboundRequest {
        Objects.requireNonNull(webhookId, "webhookId");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** A delivery: a JSON body. */
    public static OutboundRequest json(String webhookId, URI url, Map<String, String> headers, byte[] body,
                                       ClientIdentity identity) {
        return new OutboundRequest(webhookId, url, headers, body, JSON, identity);
    }

    /** Never the headers' values nor the body, which hold credentials. */
    @Override
    public String toString() {
        return "OutboundRequest[webhookId=" + webhookId + ", url=" + Redaction.origin(url.toString()) + ", headers="
                + headers.keySet() + ", identity=" + identity + "]";
    }
}
