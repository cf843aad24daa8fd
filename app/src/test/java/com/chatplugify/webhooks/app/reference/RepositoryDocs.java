package com.chatplugify.webhooks.app.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository's own documentation: its root, found from the module's working directory, and its Markdown files. */
final class RepositoryDocs {

    private RepositoryDocs() {
    }

    /** The repository's root: the folder above the working directory that holds BENCHMARKS.md and docs/. */
    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("BENCHMARKS.md")) && Files.isDirectory(dir.resolve("docs"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no docs/ beside BENCHMARKS.md above " + Path.of("").toAbsolutePath());
    }

    static Path docs() {
        return root().resolve("docs");
    }

    /** README.md, BENCHMARKS.md and every Markdown file under docs/ and deploy/, sorted. */
    static List<Path> markdownFiles() {
        Path root = root();
        try (Stream<Path> docs = Files.walk(root.resolve("docs")); Stream<Path> deploy = Files.walk(root.resolve("deploy"))) {
            return Stream.concat(Stream.of(root.resolve("README.md"), root.resolve("BENCHMARKS.md")),
                            Stream.concat(docs, deploy).filter(file -> file.toString().endsWith(".md")).sorted())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
