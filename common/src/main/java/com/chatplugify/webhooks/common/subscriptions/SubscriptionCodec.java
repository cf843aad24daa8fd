package com.chatplugify.webhooks.common.subscriptions;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.ConfigValidators;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.ClientCertificate;
import com.chatplugify.webhooks.common.model.OAuth2ClientCredentials;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.secrets.SecretCipher;
import com.chatplugify.webhooks.common.secrets.SecretKeys;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The one codec of the subscriptions topic's values: a {@link Subscription} as JSON, whose signing secret, retiring
 * secrets, custom header values, client certificate and key, and OAuth 2.0 client secret are encrypted
 * ({@link SecretCipher}) with the current key of {@code secrets.key}. Header names, URL, filters, the OAuth 2.0 token
 * URL and client id and the rest stay readable, so that the router needs no key.
 *
 * <p>Reading accepts what was written before encryption (plaintext values stay readable, and are encrypted at their
 * next write) and values that no configured key opens: those stay encrypted in the subscription, written back as
 * they are, and the record is reported as {@link Storage#UNREADABLE}.
 */
public final class SubscriptionCodec {

    /** Which field a ciphertext belongs to, for every signing secret (current or retiring). */
    public static final String SECRET_FIELD = "secret";
    static final String CLIENT_CERTIFICATE_FIELD = "client-certificate";
    static final String CLIENT_KEY_FIELD = "client-key";
    static final String OAUTH2_CLIENT_SECRET_FIELD = "oauth2-client-secret";

    /** How a record's secret values are stored. */
    public enum Storage {
        /** Some value is in plaintext: written before encryption, or by another writer. */
        PLAINTEXT,
        /** Every value is encrypted with the current key (or there is none). */
        CURRENT_KEY,
        /** Every value opens, some with a previous key. */
        PREVIOUS_KEY,
        /** Some value opens with no configured key; it stays encrypted. */
        UNREADABLE
    }

    /**
     * A record read back.
     *
     * @param unreadableKeyIds the key ids of the values no configured key opens
     */
    public record Decoded(Subscription subscription, Storage storage, Set<String> unreadableKeyIds) {
    }

    private final SecretCipher cipher;
    private final JsonSerde<Subscription> json = new JsonSerde<>(Subscription.class);

    private SubscriptionCodec(SecretCipher cipher) {
        this.cipher = cipher;
    }

    public static SubscriptionCodec of(SecretKeys keys) {
        return new SubscriptionCodec(new SecretCipher(keys, new SecureRandom()));
    }

    /** A codec that reads without decrypting (encrypted values stay so) and cannot write. */
    public static SubscriptionCodec withoutKeys() {
        return new SubscriptionCodec(null);
    }

    /** With the keys of {@code secrets.key} and {@code secrets.previous-keys} when set, else {@link #withoutKeys()}. */
    public static SubscriptionCodec from(WebhooksConfig config) {
        String current = config.getSecret(CommonConfig.SECRETS_KEY);
        if (current == null) {
            return withoutKeys();
        }
        try {
            return of(SecretKeys.parse(current, config.getSecret(CommonConfig.SECRETS_PREVIOUS_KEYS)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(CommonConfig.SECRETS_PREVIOUS_KEYS, "[hidden]", e.getMessage());
        }
    }

    /** @throws ConfigException naming {@code secrets.key} when it is not set */
    public static SubscriptionCodec requiring(WebhooksConfig config, String who) {
        if (config.getSecret(CommonConfig.SECRETS_KEY) == null) {
            throw ConfigValidators.missing(CommonConfig.SECRETS_KEY, who + " needs the key that encrypts webhook "
                    + "secrets; set it to <id>:<base64 of 32 random bytes>, e.g. k1:$(openssl rand -base64 32), the "
                    + "same for every ingest and deliverer instance");
        }
        return from(config);
    }

    /** Whether this codec holds keys, and so decrypts what it reads and can write. */
    public boolean hasKeys() {
        return cipher != null;
    }

    /** The id of the key new writes are encrypted with. */
    public String currentKeyId() {
        if (cipher == null) {
            throw new IllegalStateException("no secrets.key configured");
        }
        return cipher.keys().current().id();
    }

    /** The record value of {@code subscription}, its secret values encrypted. */
    public byte[] encode(Subscription subscription) {
        return json.serialize(Topics.SUBSCRIPTIONS, seal(subscription));
    }

    /**
     * {@code subscription} with its secret values encrypted as in a record value: how other records that carry a
     * webhook (the owner's commands and results) keep its secrets.
     */
    public Subscription seal(Subscription subscription) {
        if (cipher == null) {
            throw new IllegalStateException("Cannot write a subscription without secrets.key");
        }
        String id = subscription.id();
        return transform(subscription, (field, value) -> SecretCipher.isSealed(value) ? value : cipher.seal(value, id, field));
    }

    /** A signing secret of webhook {@code webhookId} encrypted as {@link #seal} encrypts it. */
    public String sealSecret(String webhookId, String secret) {
        return seal(blank(webhookId, secret)).secret();
    }

    /** A secret sealed by {@link #sealSecret}, opened; as it is when it is plaintext or no configured key opens it. */
    public String openSecret(String webhookId, String secret) {
        return open(blank(webhookId, secret)).subscription().secret();
    }

    /** A webhook with nothing but an id and a signing secret: what a secret alone is sealed and opened as. */
    private static Subscription blank(String webhookId, String secret) {
        return new Subscription(webhookId, "", "", null, null, secret, false, null, null, null, null, null, 0, null,
                null, null, null, null);
    }

    /**
     * Reads a record value.
     *
     * @throws SerializationException when it is not a subscription (the JSON {@code null} included)
     */
    public Decoded decode(byte[] value) {
        Subscription stored = json.deserialize(Topics.SUBSCRIPTIONS, value);
        if (stored == null) {
            throw new SerializationException("not a subscription: null");
        }
        return open(stored);
    }

    /** {@code stored} with its secret values decrypted where a configured key opens them. */
    public Decoded open(Subscription stored) {
        EnumSet<Storage> seen = EnumSet.noneOf(Storage.class);
        Set<String> unreadable = new TreeSet<>();
        String id = stored.id();
        Subscription opened = transform(stored, (field, value) -> open(value, id, field, seen, unreadable));
        Storage storage = seen.contains(Storage.UNREADABLE) ? Storage.UNREADABLE
                : seen.contains(Storage.PLAINTEXT) ? Storage.PLAINTEXT
                : seen.contains(Storage.PREVIOUS_KEY) ? Storage.PREVIOUS_KEY : Storage.CURRENT_KEY;
        return new Decoded(opened, storage, unreadable);
    }

    private String open(String value, String webhookId, String field, Set<Storage> seen, Set<String> unreadable) {
        if (!SecretCipher.isSealed(value)) {
            seen.add(Storage.PLAINTEXT);
            return value;
        }
        String keyId = SecretCipher.keyIdOf(value).orElseThrow();
        if (cipher == null) {
            seen.add(Storage.UNREADABLE);
            unreadable.add(keyId);
            return value;
        }
        return cipher.open(value, webhookId, field).map(plain -> {
            seen.add(keyId.equals(cipher.keys().current().id()) ? Storage.CURRENT_KEY : Storage.PREVIOUS_KEY);
            return plain;
        }).orElseGet(() -> {
            seen.add(Storage.UNREADABLE);
            unreadable.add(keyId);
            return value;
        });
    }

    /** {@code s} with each of its secret values (none of which is null) replaced by what {@code secret} makes of it. */
    private static Subscription transform(Subscription s, SecretValue secret) {
        Map<String, String> headers = new LinkedHashMap<>();
        s.headers().forEach((name, value) -> headers.put(name, secret.apply(headerField(name), value)));
        List<Subscription.RetiringSecret> retiring = s.retiringSecrets().stream()
                .map(r -> new Subscription.RetiringSecret(apply(secret, SECRET_FIELD, r.secret()), r.expiresAt()))
                .toList();
        ClientCertificate certificate = s.clientCertificate() == null ? null : new ClientCertificate(
                apply(secret, CLIENT_CERTIFICATE_FIELD, s.clientCertificate().certificate()),
                apply(secret, CLIENT_KEY_FIELD, s.clientCertificate().privateKey()));
        OAuth2ClientCredentials oauth2 = s.oauth2() == null ? null
                : s.oauth2().withClientSecret(apply(secret, OAUTH2_CLIENT_SECRET_FIELD, s.oauth2().clientSecret()));
        return s.withSecretValues(apply(secret, SECRET_FIELD, s.secret()), headers, retiring, certificate, oauth2);
    }

    private static String apply(SecretValue secret, String field, String value) {
        return value == null ? null : secret.apply(field, value);
    }

    private static String headerField(String name) {
        return "header:" + name.toLowerCase(Locale.ROOT);
    }

    /** What becomes of one secret value of a webhook, given the field it belongs to (which encryption is bound to). */
    @FunctionalInterface
    private interface SecretValue {
        String apply(String field, String value);
    }
}
