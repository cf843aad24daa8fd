package com.chatplugify.webhooks.app.broker;

/**
 * Whether Kafka's server classes, which {@link EmbeddedKafkaBroker} runs, are on the class path. They are an optional
 * dependency of the distribution: {@code bin/webhooks} has them, the roles' container image leaves them out.
 * Kept apart from {@link EmbeddedKafkaBroker} so that asking never loads a class that refers to them.
 */
public final class BrokerPresence {

    /** What a command that needs the broker says where it is missing. */
    public static final String ABSENT = "The embedded Kafka broker is not part of this distribution (the roles' image "
            + "leaves it out): run 'bin/webhooks standalone' or 'bin/webhooks broker' from the repository, or run the "
            + "roles (ingest, router, deliverer) against a Kafka cluster.";

    private static final String SERVER_CLASS = "kafka.server.KafkaRaftServer";

    private BrokerPresence() {
    }

    public static boolean present() {
        try {
            Class.forName(SERVER_CLASS, false, BrokerPresence.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
