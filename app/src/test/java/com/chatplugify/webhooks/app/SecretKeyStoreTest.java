package com.chatplugify.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chatplugify.webhooks.common.config.ConfigSources;
import com.chatplugify.webhooks.common.secrets.SecretKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretKeyStoreTest {

    @TempDir
    Path dataDir;

    @Test
    void shouldGenerateAKeyOwnerReadableOnlyOnceAndKeepIt() throws IOException {
        String key = SecretKeyStore.loadOrCreate(dataDir);

        Path file = dataDir.resolve(SecretKeyStore.FILE_NAME);
        assertThat(SecretKeys.parse(key, null).current().id()).isEqualTo(SecretKeyStore.GENERATED_KEY_ID);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(dataDir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly(SecretKeyStore.FILE_NAME);
        }
        assertThat(SecretKeyStore.loadOrCreate(dataDir)).isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "k1:tooshort", "not a key"})
    void shouldRefuseAKeyFileThatHoldsNoKeyNamingTheKey(String content) throws IOException {
        Files.writeString(dataDir.resolve(SecretKeyStore.FILE_NAME), content);

        assertThatThrownBy(() -> SecretKeyStore.loadOrCreate(dataDir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("secrets.key").hasMessageContaining(SecretKeyStore.FILE_NAME);
    }

    @Test
    void shouldRefuseAKeyFileThatIsAFolderNamingTheKeyAndTheFile() throws IOException {
        Path file = Files.createDirectory(dataDir.resolve(SecretKeyStore.FILE_NAME));

        assertThatThrownBy(() -> SecretKeyStore.loadOrCreate(dataDir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("secrets.key").hasMessageContaining(file.toString());
    }

    @Test
    void shouldRefuseADataDirThatIsAFileNamingTheKeyAndTheFile() throws IOException {
        Path notAFolder = Files.writeString(dataDir.resolve("data"), "");

        assertThatThrownBy(() -> SecretKeyStore.loadOrCreate(notAFolder)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("secrets.key")
                .hasMessageContaining(notAFolder.resolve(SecretKeyStore.FILE_NAME).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"k1", "k1:c2hvcnQ=", "bad id:AAAA", " ", "WEBHOOKS_SECRETS_KEY_AS_TWO"})
    void shouldRefuseAMalformedSecretsKeyNamingItWithoutQuotingIt(String value) {
        String key = value.equals("WEBHOOKS_SECRETS_KEY_AS_TWO")
                ? SecretKeys.generate("a", new SecureRandom()) + "," + SecretKeys.generate("b", new SecureRandom())
                : value;

        assertThatThrownBy(() -> new ConfigSources(ConfigDefinitions.all()).load(null, Map.of("WEBHOOKS_SECRETS_KEY", key),
                Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("secrets.key")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(key.length() > 3 ? key.substring(3) : "\0"));
    }

    @Test
    void shouldRefuseAPreviousKeyWithTheIdOfTheCurrentOne() {
        String current = SecretKeys.generate("same", new SecureRandom());
        String previous = SecretKeys.generate("same", new SecureRandom());

        assertThatThrownBy(() -> com.chatplugify.webhooks.common.subscriptions.SubscriptionCodec.from(
                new ConfigSources(ConfigDefinitions.all()).load(null, Map.of(), Map.of("secrets.key", current,
                        "secrets.previous-keys", previous)))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("secrets.previous-keys").hasMessageContaining("twice");
    }
}
