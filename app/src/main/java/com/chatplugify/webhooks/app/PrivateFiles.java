package com.chatplugify.webhooks.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files that hold a secret of the process (the generated API token, the generated secrets key): written whole or not
 * at all, readable by their owner only from the moment they exist. The content goes to a temporary file created with
 * mode 0600 in the same folder, is flushed to disk, then moved into place in one atomic rename; no reader ever sees a
 * partial file or one with wider permissions.
 */
final class PrivateFiles {

    private static final Logger log = LoggerFactory.getLogger(PrivateFiles.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /**
     * The secret kept in {@code file}, trimmed; generated and written (as {@link #write} does) when the file does not
     * exist yet.
     *
     * @param problem what is wrong with a secret read back, or empty when it is usable
     * @param key     the configuration key that would give the secret instead; named when the file is refused
     * @throws ConfigException naming {@code key} and the file when the file holds no usable secret, or cannot be read
     *                         or created
     */
    static String readOrCreate(Path file, Supplier<String> generate, Function<String, Optional<String>> problem,
                               String key) {
        try {
            if (Files.exists(file)) {
                String secret = Files.readString(file, StandardCharsets.UTF_8).trim();
                Optional<String> wrong = problem.apply(secret);
                if (wrong.isPresent()) {
                    throw new ConfigException(key, file.toString(), wrong.get() + "; " + "set " + key
                            + " instead, or restore the file");
                }
                warnIfShared(file);
                return secret;
            }
            String secret = generate.get();
            write(file, (secret + "\n").getBytes(StandardCharsets.UTF_8));
            return secret;
        } catch (IOException e) {
            // A folder where the file should be, a data.dir that is a file, no permission: the operator's to fix.
            throw new ConfigException(key, file.toString(), "cannot read or create this file (" + e + "); set " + key
                    + " instead, or make the file readable and data.dir a writable folder");
        }
    }

    /** Writes {@code content} to {@code file} atomically, owner-readable only; creates its folder if needed. */
    static void write(Path file, byte[] content) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, "." + file.getFileName() + "-", ".tmp", ownerOnly());
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Warns when a secret file can be read by others than its owner: its content should be treated as disclosed. */
    static void warnIfShared(Path file) {
        if (!posix()) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(p -> !OWNER_ONLY.contains(p) && p != PosixFilePermission.OWNER_EXECUTE)) {
                log.warn("{} is readable by others than its owner ({}); restrict it with chmod 600", file,
                        PosixFilePermissions.toString(permissions));
            }
        } catch (IOException e) {
            log.warn("Cannot read the permissions of {}: {}", file, e.toString());
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
