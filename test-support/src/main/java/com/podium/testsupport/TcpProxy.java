package com.podium.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP relay in front of a server (a Kafka broker that advertises this relay's address, or PostgreSQL), so every
 * client connection runs through it and a test or a fault run can cut the server off without touching it.
 * {@link #cut()} is a network outage: open connections are reset and new ones closed at once, until
 * {@link #restore()}.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "tcp-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private volatile InetSocketAddress target;
    private volatile boolean up = true;

    public TcpProxy() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    public void forwardTo(int port) {
        target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    public void cut() {
        up = false;
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    public void restore() {
        up = true;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (!up || target == null) {
                    closeQuietly(client);
                    continue;
                }
                Socket broker = new Socket(target.getAddress(), target.getPort());
                client.setTcpNoDelay(true);
                broker.setTcpNoDelay(true);
                open.add(client);
                open.add(broker);
                threads.execute(() -> pipe(client, broker));
                threads.execute(() -> pipe(broker, client));
            }
            catch (IOException e) {
                // closed, or the broker refused: the client sees a dropped connection and retries
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0;) {
                out.write(buffer, 0, n);
            }
        }
        catch (IOException e) {
            // connection reset or cut
        }
        finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        }
        catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        }
        catch (IOException e) {
            // ignore
        }
        cut();
        threads.shutdownNow();
    }
}
