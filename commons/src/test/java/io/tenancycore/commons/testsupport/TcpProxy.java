package io.tenancycore.commons.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP relay in front of a real server: counts the bytes clients send through it, and can be shut down to
 * make the server unreachable for those clients only (other users of the server are not disturbed).
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String upstreamHost;
    private final int upstreamPort;
    private final AtomicLong bytesToUpstream = new AtomicLong();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private volatile boolean refusing;

    public TcpProxy(String upstreamHost, int upstreamPort) throws IOException {
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy in front of the Redis of {@link Infra#redisUrl()}. */
    public static TcpProxy forRedis() throws IOException {
        URI uri = URI.create(Infra.redisUrl());
        return new TcpProxy(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
    }

    public String redisUrl() {
        return "redis://127.0.0.1:" + server.getLocalPort();
    }

    public long bytesToUpstream() {
        return bytesToUpstream.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                if (refusing) {
                    closeQuietly(client);
                    continue;
                }
                Socket upstream = new Socket(upstreamHost, upstreamPort);
                sockets.add(upstream);
                if (refusing) {
                    // refuse() ran while this connection was being set up and may have missed it
                    closeQuietly(client);
                    closeQuietly(upstream);
                    continue;
                }
                pump(client, upstream, true);
                pump(upstream, client, false);
            } catch (IOException e) {
                if (!closed) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private void pump(Socket from, Socket to, boolean countBytes) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (countBytes) {
                        bytesToUpstream.addAndGet(n);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // one side went away; closing both ends below tells the other side
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-proxy-pump");
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * Makes the server unreachable while keeping this proxy's port bound: open connections are cut and new ones are
     * closed as soon as they are accepted. Unlike {@link #close()}, the port cannot be taken over by another socket
     * (an ephemeral port released on loopback can even be picked by a client connecting to it, which then talks to
     * itself), so a client of this proxy deterministically sees a connection failure.
     */
    public void refuse() {
        refusing = true;
        sockets.forEach(TcpProxy::closeQuietly);
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
        sockets.forEach(TcpProxy::closeQuietly);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
