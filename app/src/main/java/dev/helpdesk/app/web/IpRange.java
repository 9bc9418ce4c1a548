package dev.helpdesk.app.web;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IP address or CIDR block (IPv4 or IPv6), e.g. {@code 10.0.0.0/8}, {@code 2001:db8::/32}, {@code 127.0.0.1}. */
public record IpRange(byte[] network, int prefixBits) {

    /** Parses a literal; host names are refused, so no lookup ever happens. */
    public static IpRange parse(String raw) {
        String s = raw.trim();
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        if (!address.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            throw new IllegalArgumentException("'" + raw + "' is not an IP address or CIDR range like 10.0.0.0/8");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + raw + "' is not an IP address or CIDR range like 10.0.0.0/8");
        }
        int bits = bytes.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > bytes.length * 8) {
                throw new IllegalArgumentException("'" + raw + "' has a prefix length outside 0.." + bytes.length * 8);
            }
        }
        return new IpRange(bytes, bits);
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        int full = prefixBits / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixBits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (a[full] & mask) == (network[full] & mask);
    }
}
