package com.chatplugify.webhooks.ingest.api;

import java.time.Instant;
import java.util.List;
import java.util.SortedSet;

/** What became of the events of one {@code POST /v1/events} or {@code /v1/events/batch}. */
sealed interface Publication {

    /**
     * Every event is written.
     *
     * @param ids      the events' ids, in the request's order
     * @param replayed the answer of an earlier call with the same Idempotency-Key and body: nothing was published now
     */
    record Published(List<String> ids, boolean replayed) implements Publication {
    }

    /**
     * Some events are written, or possibly none: the broker did not acknowledge the others in time, or refused them.
     *
     * @param accepted the indexes of the events the broker acknowledged
     * @param cause    why the others were not
     */
    record PartlyPublished(List<String> ids, SortedSet<Integer> accepted, Throwable cause) implements Publication {
    }

    /** The Idempotency-Key was used with another request, remembered until {@code until}. */
    record KeyReused(Instant until) implements Publication {
    }

    /** Another call with the same Idempotency-Key is publishing now; its claim lapses at {@code until} at the latest. */
    record KeyInUse(Instant until) implements Publication {
    }

    /** The owner of the Idempotency-Key did not answer in time: nothing was published by this call. */
    record KeyUnanswered(Throwable cause) implements Publication {
    }
}
