package com.chatplugify.webhooks.app.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.IdGenerator;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;

/**
 * The repository's Markdown points only inside the repository, at files and headings that exist, and the README's
 * code map names classes that exist: a page moved, a heading renamed or a class renamed fails here.
 */
class DocsLinksTest {

    private static final Parser MARKDOWN = Parser.builder().extensions(List.of(TablesExtension.create())).build();
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");
    /** A class as the code map names it: a bare class name, or a path ending with one. */
    private static final Pattern CLASS_NAME = Pattern.compile("^(?:[\\w<>…]+/)*([A-Z][A-Za-z0-9]+)(?:\\.[a-z]\\w*)?$");

    @Test
    void shouldLinkOnlyToFilesInsideTheRepositoryThatExist() {
        Path root = RepositoryDocs.root();
        List<String> broken = relativeLinks().stream()
                .filter(link -> link.path().startsWith("/") || !link.target().startsWith(root) || !Files.exists(link.target()))
                .map(PageLink::toString)
                .toList();
        assertThat(broken).as("relative links to nothing, or to outside the repository").isEmpty();
    }

    @Test
    void shouldLinkOnlyToHeadingsThatExist() {
        List<String> broken = relativeLinks().stream()
                .filter(link -> link.anchor() != null && link.target().toString().endsWith(".md")
                        && Files.isRegularFile(link.target()) && !headingIds(link.target()).contains(link.anchor()))
                .map(PageLink::toString)
                .toList();
        assertThat(broken).as("links to headings that do not exist").isEmpty();
    }

    @Test
    void shouldNotPointOutsideTheRepositoryInText() {
        Path root = RepositoryDocs.root();
        List<String> outside = RepositoryDocs.markdownFiles().stream()
                .filter(page -> {
                    String text = read(page);
                    return text.contains("../shared") || text.contains("/work/");
                })
                .map(page -> root.relativize(page).toString())
                .toList();
        assertThat(outside).as("pages naming folders outside the repository").isEmpty();
    }

    @Test
    void shouldNameOnlyClassesThatExistInTheCodeMap() throws IOException {
        Path root = RepositoryDocs.root();
        String readme = read(root.resolve("README.md"));
        String codeMap = readme.substring(readme.indexOf("\n## Code map\n"), readme.indexOf("\n## ", readme.indexOf("\n## Code map\n") + 1));
        Set<String> classes;
        try (Stream<Path> files = Files.walk(root)) {
            classes = files.filter(file -> file.toString().endsWith(".java") && file.toString().contains("/src/main/java/"))
                    .map(file -> file.getFileName().toString().replace(".java", ""))
                    .collect(Collectors.toSet());
        }

        List<String> named = new ArrayList<>();
        Matcher code = Pattern.compile("`([^`]+)`").matcher(codeMap);
        while (code.find()) {
            Matcher name = CLASS_NAME.matcher(code.group(1));
            if (name.matches()) {
                named.add(name.group(1));
            }
        }
        assertThat(named).as("classes the code map names").hasSizeGreaterThan(20);
        assertThat(named).as("classes the code map names that the code does not have").allMatch(classes::contains);
    }

    /**
     * A relative link of a page: what it says, the file it points at (the page itself for a bare anchor) and its
     * anchor, if any.
     */
    private record PageLink(Path page, String destination, String path, Path target, String anchor) {

        static PageLink of(Path page, String destination) {
            int hash = destination.indexOf('#');
            String path = URLDecoder.decode(hash < 0 ? destination : destination.substring(0, hash), StandardCharsets.UTF_8);
            Path target = path.isEmpty() ? page : page.getParent().resolve(path).normalize();
            return new PageLink(page, destination, path, target, hash < 0 ? null : destination.substring(hash + 1));
        }

        @Override
        public String toString() {
            return RepositoryDocs.root().relativize(page) + " -> " + destination;
        }
    }

    /** Every link and image of every page whose destination has no scheme (not {@code https:}, {@code mailto:}...). */
    private static List<PageLink> relativeLinks() {
        List<PageLink> links = new ArrayList<>();
        for (Path page : RepositoryDocs.markdownFiles()) {
            MARKDOWN.parse(read(page)).accept(new AbstractVisitor() {
                @Override
                public void visit(Link link) {
                    add(link.getDestination());
                    visitChildren(link);
                }

                @Override
                public void visit(Image image) {
                    add(image.getDestination());
                }

                private void add(String destination) {
                    if (!SCHEME.matcher(destination).find()) {
                        links.add(PageLink.of(page, destination));
                    }
                }
            });
        }
        return links;
    }

    /** The anchors GitHub gives a page's headings. */
    private static Set<String> headingIds(Path page) {
        IdGenerator ids = IdGenerator.builder().build();
        Set<String> anchors = new HashSet<>();
        MARKDOWN.parse(read(page)).accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                StringBuilder text = new StringBuilder();
                heading.accept(new AbstractVisitor() {
                    @Override
                    public void visit(Text node) {
                        text.append(node.getLiteral());
                    }

                    @Override
                    public void visit(Code node) {
                        text.append(node.getLiteral());
                    }
                });
                anchors.add(ids.generateId(text.toString()));
            }
        });
        return anchors;
    }

    private static String read(Path page) {
        try {
            return Files.readString(page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
