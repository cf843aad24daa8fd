package com.chatplugify.webhooks.deliverer.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chatplugify.webhooks.common.net.AddressPolicy;
import com.chatplugify.webhooks.deliverer.testing.TestNameServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The endpoint resolver against a real name server on 127.0.0.1. */
class EndpointResolverTest {

    private final TestNameServer names = TestNameServer.start()
            .answer("public.test", address("93.184.216.34"))
            .answer("internal.test", address("169.254.169.254"))
            .answer("private.test", address("10.0.0.7"));
    private final EndpointResolver guarded = resolver(false);
    private final EndpointResolver open = resolver(true);

    @AfterEach
    void stop() {
        guarded.close();
        open.close();
        names.close();
    }

    @Test
    void shouldResolveANameToAnAllowedAddress() throws Exception {
        assertThat(guarded.resolve("public.test").get(5, TimeUnit.SECONDS)).isEqualTo(address("93.184.216.34"));
    }

    @Test
    void shouldRefuseANameAndALiteralThatOnlyReachForbiddenAddresses() {
        assertThatThrownBy(() -> guarded.resolve("internal.test").get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(RefusedAddressException.class);
        assertThatThrownBy(() -> guarded.resolve("127.0.0.1").get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(RefusedAddressException.class);
        assertThatThrownBy(() -> guarded.resolve("[::1]").get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(RefusedAddressException.class);
    }

    @Test
    void shouldNeverSayWhichAddressANameResolvedTo() {
        assertThatThrownBy(() -> guarded.resolve("private.test").get(5, TimeUnit.SECONDS))
                .cause().hasMessageContaining("private.test").hasMessageContaining(AddressPolicy.REFUSED)
                .hasMessageNotContaining("10.0.0.7");
    }

    @Test
    void shouldDecideALiteralWithoutAskingAnyone() {
        assertThat(guarded.resolve("93.184.216.34")).isCompletedWithValue(address("93.184.216.34"));
        assertThat(open.resolve("[::1]")).isCompletedWithValue(address("::1"));
        assertThat(names.asked()).isZero();
    }

    @Test
    void shouldAnswerAgainFromTheCacheWithoutAskingAndStillCheckTheAddress() throws Exception {
        guarded.resolve("public.test").get(5, TimeUnit.SECONDS);
        assertThatThrownBy(() -> guarded.resolve("private.test").get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(RefusedAddressException.class);
        int asked = names.asked();

        assertThat(guarded.resolve("public.test")).isCompletedWithValue(address("93.184.216.34"));
        assertThat(guarded.resolve("private.test")).isCompletedExceptionally()
                .failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(RefusedAddressException.class);
        assertThat(names.asked()).isEqualTo(asked);
    }

    @Test
    void shouldAllowEverythingWhenPrivateAddressesArePermitted() throws Exception {
        assertThat(open.resolve("internal.test").get(5, TimeUnit.SECONDS)).isEqualTo(address("169.254.169.254"));
    }

    @Test
    void shouldFailANameThatDoesNotExist() {
        assertThatThrownBy(() -> guarded.resolve("nowhere.test").get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(UnknownHostException.class);
    }

    private EndpointResolver resolver(boolean allowPrivate) {
        int port = Integer.parseInt(names.address().split(":")[1]);
        return new EndpointResolver(new AddressPolicy(allowPrivate), List.of(new InetSocketAddress("127.0.0.1", port)),
                Duration.ofSeconds(2));
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
