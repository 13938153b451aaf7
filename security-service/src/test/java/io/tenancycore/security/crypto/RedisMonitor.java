package io.tenancycore.security.crypto;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Watches the commands a Redis server receives (MONITOR) that mention one marker, e.g. a test's tenant id, so a test
 * can count the round trips its own calls cause while other work runs on the same server.
 */
final class RedisMonitor implements AutoCloseable {

    private final Socket socket;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    private RedisMonitor(Socket socket) {
        this.socket = socket;
    }

    static RedisMonitor start(String redisUrl, String marker) throws IOException {
        URI uri = URI.create(redisUrl.split(",")[0].trim());
        Socket socket = new Socket(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
        RedisMonitor monitor = new RedisMonitor(socket);
        OutputStream out = socket.getOutputStream();
        out.write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        String ok = in.readLine();
        if (ok == null || !ok.startsWith("+OK")) {
            socket.close();
            throw new IOException("MONITOR refused: " + ok);
        }
        Thread reader = new Thread(() -> {
            try {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.contains(marker)) {
                        monitor.seen.add(line.toLowerCase(Locale.ROOT));
                    }
                }
            } catch (IOException closed) {
                // the test is done with it
            }
        }, "redis-monitor");
        reader.setDaemon(true);
        reader.start();
        return monitor;
    }

    /** Commands {@code command} (lower case) seen so far that mention the marker. */
    long count(String command) throws InterruptedException {
        Thread.sleep(200); // MONITOR lines trail the replies the test already has
        return seen.stream().filter(line -> line.contains("\"" + command + "\"")).count();
    }

    /** Every command seen so far that mentions the marker. */
    long commands() throws InterruptedException {
        Thread.sleep(200);
        return seen.size();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
