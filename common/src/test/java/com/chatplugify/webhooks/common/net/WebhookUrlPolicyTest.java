package com.chatplugify.webhooks.common.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookUrlPolicyTest {

    private final WebhookUrlPolicy httpsOnly = new WebhookUrlPolicy(false, new AddressPolicy(false));
    private final WebhookUrlPolicy anything = new WebhookUrlPolicy(true, new AddressPolicy(true));

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/hook", "HTTPS://example.com", "https://93.184.215.14:8443/x",
        "https://[2606:4700::1111]/hook", "https://example.com:1/", "https://example.com:65535/"})
    void shouldAllowHttpsUrlsToPublicHosts(String url) {
        assertThat(httpsOnly.refusal(URI.create(url))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://example.com/hook | scheme 'http' refused: the URL must start with https:// (plain http is refused",
        "ftp://example.com/hook | scheme 'ftp' refused",
        "/relative/hook | a URL without a scheme refused",
        "https:opaque | the URL has no host",
        "https://user:pass@example.com/ | credentials in the URL are not allowed",
        "https://127.0.0.1/hook | the address is in a range deliveries may not reach",
        "https://[::1]/hook | the address is in a range deliveries may not reach",
        "https://169.254.169.254/latest | the address is in a range deliveries may not reach",
        "https://example.com:0/ | port 0 does not exist: ports run from 1 to 65535",
        "https://example.com:65536/ | port 65536 does not exist",
        "https://example.com:99999/ | port 99999 does not exist"})
    void shouldRefuseWithTheReason(String url, String reason) {
        assertThat(httpsOnly.refusal(URI.create(url))).hasValueSatisfying(r -> assertThat(r).startsWith(reason));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://bücher.example/hook | the host 'bücher.example' must be ASCII: give its punycode form, xn--bcher-kva.example",
        "https://user@bücher.example:8443/ | the host 'bücher.example' must be ASCII",
        "https://my_host.example.com/ | the host 'my_host.example.com' holds an underscore ('_')",
        "https://[fe80::1%25eth0]/ | an IPv6 address with a zone (%25eth0) is not supported"})
    void shouldSayWhatIsWrongWithAHostItCannotRead(String url, String reason) {
        assertThat(anything.refusal(URI.create(url))).hasValueSatisfying(r -> assertThat(r).startsWith(reason));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com/hook", "http://127.0.0.1:8080/hook", "https://[::1]/hook"})
    void shouldAllowHttpAndPrivateAddressesWhenConfigured(String url) {
        assertThat(anything.refusal(URI.create(url))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/", "https://user@example.com/"})
    void shouldRefuseOtherSchemesAndCredentialsWhateverTheSettings(String url) {
        assertThat(anything.refusal(URI.create(url))).isPresent();
    }
}
