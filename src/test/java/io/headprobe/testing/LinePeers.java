package io.headprobe.testing;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Queue;

/**
 * Line-protocol peers for blackbox's tcp modules, as {@link RawServer} scripts: what the stock
 * blackbox.yml's ssh_banner, irc_banner and pop3s_banner expect of a real server.
 */
public final class LinePeers {

    private LinePeers() {
    }

    /** Sends an OpenSSH banner, then keeps the line the client sends back in {@code heard}. */
    public static RawServer.Script sshBanner(Queue<String> heard) {
        return socket -> {
            write(socket, "SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13\r\n");
            heard.add(readLine(socket));
        };
    }

    /**
     * An IRC server's registration: reads NICK and USER, sends a PING with a token, and welcomes
     * (001) only a client whose PONG echoes the token. Every line it reads goes to {@code heard}.
     */
    public static RawServer.Script irc(Queue<String> heard) {
        return socket -> {
            heard.add(readLine(socket));
            heard.add(readLine(socket));
            write(socket, ":irc.test NOTICE * :*** Looking up your hostname\r\nPING :Xy7_token\r\n");
            String pong = readLine(socket);
            heard.add(pong);
            write(socket, "PONG Xy7_token".equals(pong) ? ":irc.test 001 prober :Welcome\r\n" : "ERROR :bad pong\r\n");
        };
    }

    /**
     * A POP3 greeting, then the connection closes, or stays open until the client closes it. The
     * JDK closes a TLS connection with a user_canceled alert before close_notify, which Go takes
     * as an error and Netty as a warning: a test that compares the two keeps it open.
     */
    public static RawServer.Script pop3Banner(boolean hangUp) {
        return socket -> {
            write(socket, "+OK POP3 ready\r\n");
            if (!hangUp) {
                socket.getInputStream().read();
            }
        };
    }

    public static void write(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** One line without its end, read byte by byte: nothing after it is taken (a TLS handshake may follow). */
    public static String readLine(Socket socket) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = socket.getInputStream().read()) != -1 && b != '\n') {
            line.append((char) b);
        }
        return line.toString().strip();
    }
}
