package com.chatplugify.webhooks.common.publisher;

import com.chatplugify.webhooks.common.model.Violation;
import java.util.List;
import java.util.stream.Collectors;

/** Refusal of one or more events before anything was written; says what is wrong with each. */
public final class InvalidEventException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The problems of the event at {@code index} of what was given (0 for a single event). */
    public record Item(int index, List<Violation> violations) {

        public Item {
            violations = List.copyOf(violations);
        }
    }

    private final transient List<Item> items;

    public InvalidEventException(List<Item> items) {
        super(items.stream().map(item -> "#" + item.index() + " " + item.violations())
                .collect(Collectors.joining("; ")));
        this.items = List.copyOf(items);
    }

    public List<Item> items() {
        return items;
    }

    /** Whether some event is refused for its size alone. */
    public boolean tooLarge() {
        return items.stream().flatMap(item -> item.violations().stream())
                .anyMatch(violation -> Violation.TOO_LARGE.equals(violation.reason()));
    }
}
