package com.chatplugify.webhooks.app.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * An overlay of deploy/k8s rendered as {@code kubectl apply -k} would apply it, by kustomize as kubectl embeds it
 * ({@code kubectl kustomize}). A test that renders fails when kubectl is missing.
 */
final class Kustomize {

    /** The overlays users apply. */
    static final List<String> OVERLAYS = List.of("dev", "production");

    private static final Map<String, List<JsonNode>> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() {
    }

    /** The resources of {@code deploy/k8s/overlays/<overlay>}. */
    static List<JsonNode> render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, Kustomize::run);
    }

    private static List<JsonNode> run(String overlay) {
        Path kubectl = Tools.onPath("kubectl");
        Path directory = DeployFiles.file("k8s/overlays/" + overlay);
        try {
            Path output = Files.createTempFile("kustomize-" + overlay, ".yaml");
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", directory.toString())
                    .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.PIPE).start();
            String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + directory + " failed: " + errors);
            }
            List<JsonNode> resources = DeployFiles.yamlDocuments(output);
            Files.delete(output);
            return resources;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
