package org.dialoghook.console;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** The rule that the console answers clients on this machine only: a request's address is a loopback address. */
public final class LoopbackClients {

    /** An address literal: IPv4 digits and dots, or IPv6 hexadecimal digits and colons (never a host name). */
    private static final Pattern LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private LoopbackClients() {
    }

    /**
     * Whether a client address is a loopback one. Only address literals count: nothing is looked up.
     *
     * @param remoteAddress the request's remote address as the servlet container reports it
     * @return true for {@code 127.0.0.0/8} and {@code ::1}, also when written as an IPv4-mapped IPv6 address
     */
    public static boolean includes(String remoteAddress) {
        if (remoteAddress == null) {
            return false;
        }
        String address = remoteAddress.startsWith("[") && remoteAddress.endsWith("]")
                ? remoteAddress.substring(1, remoteAddress.length() - 1) : remoteAddress;
        int zone = address.indexOf('%');
        if (zone >= 0) {
            address = address.substring(0, zone);
        }
        if (!LITERAL.matcher(address).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
