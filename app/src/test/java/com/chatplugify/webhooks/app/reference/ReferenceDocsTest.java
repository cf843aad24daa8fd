package com.chatplugify.webhooks.app.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.app.ConfigDefinitions;
import com.chatplugify.webhooks.common.metrics.MetricDescriptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The generated reference pages under {@code docs/} match the code. To regenerate them after changing a key or a
 * metric: {@code mvn -B -pl app -am verify -Dtest=ReferenceDocsTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dreference.update}.
 */
class ReferenceDocsTest {

    @Test
    void shouldMatchTheGeneratedReferenceUnderDocs() throws IOException {
        Path docs = docsFolder();
        for (Map.Entry<String, String> page : ReferenceDocs.all().entrySet()) {
            Path file = docs.resolve(page.getKey());
            if (System.getProperty("reference.update") != null) {
                Files.writeString(file, page.getValue(), StandardCharsets.UTF_8);
            }
            assertThat(file).as("docs/%s is stale: regenerate it as this test's Javadoc says", page.getKey())
                    .exists().content(StandardCharsets.UTF_8).isEqualTo(page.getValue());
        }
    }

    @Test
    void shouldListEveryConfigurationKeyAndEveryMetric() {
        String configuration = ReferenceDocs.configuration();
        String metrics = ReferenceDocs.metrics();

        assertThat(ConfigDefinitions.all().names()).isNotEmpty()
                .allSatisfy(key -> assertThat(configuration).contains("| `" + key + "` |"));
        assertThat(MetricDescriptions.all()).isNotEmpty()
                .allSatisfy((name, description) -> assertThat(metrics).contains("| `" + name + "` | " + description));
    }

    private static Path docsFolder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("BENCHMARKS.md")) && Files.isDirectory(dir.resolve("docs"))) {
                return dir.resolve("docs");
            }
        }
        throw new IllegalStateException("no docs/ beside BENCHMARKS.md above " + Path.of("").toAbsolutePath());
    }
}
