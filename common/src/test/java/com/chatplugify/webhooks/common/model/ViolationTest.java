package com.chatplugify.webhooks.common.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ViolationTest {

    @Test
    void shouldListEveryReasonCodeAmongTheReasons() {
        String[] codes = Arrays.stream(Violation.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(ViolationTest::value).toArray(String[]::new);

        assertThat(Violation.REASONS).containsExactlyInAnyOrder(codes);
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}
