package com.chatplugify.webhooks.app;

import com.chatplugify.webhooks.common.config.CommonConfig;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.kafka.common.config.ConfigException;

/**
 * The claim of one process on its {@code data.dir}: an exclusive lock on {@value #FILE_NAME} in it, held until
 * {@link #close()} or the end of the process. Two processes on one folder would share the Kafka Streams and RocksDB
 * state kept there, which Streams refuses deep in start-up; this refuses the second one first, naming the folder. The
 * operating system releases the lock of a process that dies, so a folder left by a killed process is free again; the
 * file itself stays.
 *
 * <p>Taken once per process, by the command that runs it, not by the roles: tests run several roles in one JVM on
 * one folder.
 */
public final class DataDirLock implements AutoCloseable {

    public static final String FILE_NAME = "webhooks.lock";

    private final FileChannel channel;

    private DataDirLock(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * Locks {@code dataDir}, creating it when it does not exist.
     *
     * @throws DataDirInUseException when another process (or this one) holds it
     * @throws ConfigException       naming {@code data.dir} when the folder or its lock file cannot be created or locked
     */
    public static DataDirLock acquire(Path dataDir) {
        Path folder = dataDir.toAbsolutePath().normalize();
        FileChannel channel;
        try {
            Files.createDirectories(folder);
            channel = FileChannel.open(folder.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new ConfigException(CommonConfig.DATA_DIR, dataDir.toString(), "cannot create the folder or its "
                    + FILE_NAME + " (" + e + "); make data.dir a writable folder");
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // This JVM holds it already: the same conflict, seen from inside.
            lock = null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ConfigException(CommonConfig.DATA_DIR, dataDir.toString(), "cannot lock its " + FILE_NAME
                    + " (" + e + "); data.dir must be a folder on a file system that supports file locks");
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new DataDirInUseException(CommonConfig.DATA_DIR + "=" + folder
                    + " is in use by another webhooks process; give each process on this machine its own data.dir");
        }
        return new DataDirLock(channel);
    }

    /** Releases the lock; the file stays, for the next process to lock. */
    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing was locked through it.
        }
    }
}
