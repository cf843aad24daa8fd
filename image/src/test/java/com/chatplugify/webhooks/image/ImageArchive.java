package com.chatplugify.webhooks.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * The image Jib wrote to a tar ({@code docker save} layout): its manifest, its configuration, and its layers, each
 * listed as {@code tar} lists it and unpacked by {@code tar} (GNU tar keeps owners and modes, as a container runtime
 * does).
 */
final class ImageArchive {

    /** One layer: its file in the archive, its compressed size, and {@code tar -tv}'s listing of it. */
    record Layer(String file, long compressedBytes, List<String> listing) {

        boolean contains(String path) {
            return listing.stream().anyMatch(line -> line.endsWith(" " + path) || line.contains(" " + path + " -> "));
        }

        /** The {@code tar -tv} line of {@code path}. */
        String entry(String path) {
            return listing.stream().filter(line -> line.endsWith(" " + path) || line.endsWith(" " + path + "/"))
                    .findFirst().orElseThrow(() -> new AssertionError(path + " is not in layer " + file));
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path unpacked;
    private final JsonNode manifest;
    private final JsonNode config;
    private final List<Layer> layers = new ArrayList<>();

    ImageArchive(Path tar, Path workDir) throws IOException, InterruptedException {
        if (!Files.isRegularFile(tar)) {
            throw new AssertionError("no image at " + tar + ": the image module's package phase builds it");
        }
        this.unpacked = Files.createDirectories(workDir.resolve("archive"));
        run("tar", "-xf", tar.toString(), "-C", unpacked.toString());
        this.manifest = JSON.readTree(unpacked.resolve("manifest.json").toFile()).get(0);
        this.config = JSON.readTree(unpacked.resolve(manifest.get("Config").asText()).toFile());
        for (JsonNode layer : manifest.get("Layers")) {
            Path file = unpacked.resolve(layer.asText());
            layers.add(new Layer(layer.asText(), Files.size(file),
                    run("tar", "-tvzf", file.toString(), "--numeric-owner", "--warning=no-unknown-keyword").lines().toList()));
        }
    }

    JsonNode config() {
        return config.get("config");
    }

    List<Layer> layers() {
        return layers;
    }

    /** Compressed size of every layer together: what a registry stores and a node pulls. */
    long compressedBytes() {
        return layers.stream().mapToLong(Layer::compressedBytes).sum();
    }

    /** Unpacks every layer in order into {@code root}, as a container runtime lays out the image's file system. */
    void unpackInto(Path root) throws IOException, InterruptedException {
        Files.createDirectories(root);
        for (Layer layer : layers) {
            run("tar", "-xzf", unpacked.resolve(layer.file()).toString(), "-C", root.toString(), "--numeric-owner",
                    "--warning=no-unknown-keyword");
        }
    }

    /** Uncompressed size of a layer's content. */
    long uncompressedBytes(Layer layer) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(unpacked.resolve(layer.file())))) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new UncheckedIOException(new IOException(String.join(" ", command) + " failed: " + output));
        }
        return output;
    }
}
