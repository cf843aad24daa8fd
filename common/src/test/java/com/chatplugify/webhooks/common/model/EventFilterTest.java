package com.chatplugify.webhooks.common.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventFilterTest {

    @Test
    void shouldMatchExactTypes() {
        assertThat(EventFilter.matches("task.created", "task.created")).isTrue();
        assertThat(EventFilter.matches("task.created", "task.updated")).isFalse();
    }

    @Test
    void shouldMatchAFamilyButNotALookalike() {
        assertThat(EventFilter.matches("task.*", "task.completed")).isTrue();
        assertThat(EventFilter.matches("task.*", "tasks.completed")).isFalse();
        assertThat(EventFilter.matches("task.*", "contact.created")).isFalse();
        assertThat(EventFilter.matches("task.*", "task")).isFalse();
    }

    @Test
    void shouldMatchEverythingWithAStar() {
        assertThat(EventFilter.matches(List.of("*"), "order.requested")).isTrue();
        assertThat(EventFilter.matches(List.of(), "order.requested")).isFalse();
        assertThat(EventFilter.matches(List.of("contact.created", "order.*"), "order.requested")).isTrue();
    }

    @Test
    void shouldRefuseUnknownTypesAndFamilies() {
        assertThat(EventFilter.problem("task.*")).isEmpty();
        assertThat(EventFilter.problem("*")).isEmpty();
        assertThat(EventFilter.problem("order.requested")).isEmpty();
        assertThat(EventFilter.problem("invoice.*")).hasValueSatisfying(p -> assertThat(p).contains("invoice"));
        assertThat(EventFilter.problem("task.archived")).hasValueSatisfying(p -> assertThat(p).contains("task.archived"));
        assertThat(EventFilter.problem("webhook.*")).isPresent();
        assertThat(EventFilter.problem(" ")).isPresent();
    }
}
