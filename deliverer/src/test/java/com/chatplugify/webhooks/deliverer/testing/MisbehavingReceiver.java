package com.chatplugify.webhooks.deliverer.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A receiver on 127.0.0.1 that breaks the rules of HTTP on purpose, on a raw socket: it never answers, answers
 * forever, a byte a second, with a gigantic header, with garbage, hangs up, or speaks TLS with a certificate nobody
 * trusts. Each connection gets its own thread; {@link #close()} ends them all.
 */
public final class MisbehavingReceiver implements AutoCloseable {

    /** How it answers a request it has read. */
    public enum Behaviour {
        /** Reads the request, then keeps the connection open without a word. */
        SILENT,
        /** A 200 whose chunked body never ends. */
        ENDLESS_BODY,
        /** A short 200, one byte a second. */
        TRICKLE,
        /** A 200 with a 1 MiB header. */
        HUGE_HEADER,
        /** Bytes that are not HTTP. */
        GARBAGE,
        /** Closes the connection without answering. */
        HANG_UP,
        /** A well-formed 200; over TLS, the handshake decides. */
        OK
    }

    private static final String PASSWORD = "changeit";

    private final SocketReceiver sockets;
    private final Behaviour behaviour;
    private final boolean tls;
    private final CountDownLatch closed = new CountDownLatch(1);

    private MisbehavingReceiver(ServerSocket server, Behaviour behaviour, boolean tls) {
        this.behaviour = behaviour;
        this.tls = tls;
        this.sockets = new SocketReceiver(server, "misbehaving-receiver", this::serve);
    }

    /** A plain-HTTP receiver that misbehaves as told. */
    public static MisbehavingReceiver plain(Behaviour behaviour) {
        try {
            return new MisbehavingReceiver(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), behaviour, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTPS receiver whose certificate is self-signed (made with keytool into {@code folder}), so never trusted. */
    public static MisbehavingReceiver selfSignedTls(Path folder) {
        try {
            Path keystore = folder.resolve("self-signed.p12");
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                    .redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0 || !Files.exists(keystore)) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                keys.load(in, PASSWORD.toCharArray());
            }
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(keys, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(managers.getKeyManagers(), null, null);
            return new MisbehavingReceiver(context.getServerSocketFactory().createServerSocket(0, 50,
                    InetAddress.getLoopbackAddress()), Behaviour.OK, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url(String path) {
        return (tls ? "https" : "http") + "://127.0.0.1:" + sockets.port() + path;
    }

    /** The same port as an https:// URL, though this receiver speaks plain HTTP. */
    public String httpsUrl(String path) {
        return "https://127.0.0.1:" + sockets.port() + path;
    }

    /** When each connection was accepted. */
    public List<Instant> accepted() {
        return sockets.accepted();
    }

    @Override
    public void close() {
        closed.countDown();
        sockets.close();
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = connection.getInputStream();
            OutputStream out = connection.getOutputStream();
            SocketReceiver.RawRequest request = SocketReceiver.read(in);
            if (request == null) {
                return;
            }
            if (!request.http()) {
                // What an HTTP server answers to bytes that are not HTTP, such as a TLS handshake.
                out.write(ascii("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"));
                return;
            }
            switch (behaviour) {
                case SILENT -> closed.await();
                case ENDLESS_BODY -> {
                    out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"));
                    byte[] chunk = ascii("1000\r\n" + "z".repeat(4096) + "\r\n");
                    while (closed.getCount() > 0) {
                        out.write(chunk);
                    }
                }
                case TRICKLE -> {
                    for (byte b : ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")) {
                        out.write(b);
                        out.flush();
                        if (closed.await(1, TimeUnit.SECONDS)) {
                            return;
                        }
                    }
                }
                case HUGE_HEADER -> out.write(ascii("HTTP/1.1 200 OK\r\nX-Padding: " + "p".repeat(1024 * 1024)
                        + "\r\nContent-Length: 0\r\n\r\n"));
                case GARBAGE -> out.write(ascii("SSH-2.0-OpenSSH_9.6\r\n\r\n"));
                case HANG_UP -> {
                    // try-with-resources closes it.
                }
                case OK -> out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
                default -> throw new IllegalStateException(behaviour.name());
            }
            out.flush();
        } catch (IOException e) {
            // The client gave up or the handshake failed: exactly what these receivers provoke.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
