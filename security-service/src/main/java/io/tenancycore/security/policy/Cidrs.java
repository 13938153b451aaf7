package io.tenancycore.security.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** IPv4/IPv6 CIDR membership, for the policy's allowed client ranges. */
public final class Cidrs {

    private Cidrs() {
    }

    public static boolean anyContains(List<String> cidrs, String address) {
        return cidrs.stream().anyMatch(cidr -> contains(cidr, address));
    }

    public static boolean contains(String cidr, String address) {
        if (address == null) {
            return false;
        }
        try {
            String[] parts = cidr.split("/");
            byte[] network = literal(parts[0]).getAddress();
            byte[] candidate = literal(address).getAddress();
            int prefix = Integer.parseInt(parts[1]);
            if (network.length != candidate.length || prefix > network.length * 8) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((network[bit / 8] & mask) != (candidate[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException | RuntimeException e) {
            return false;
        }
    }

    /** Only literals: never resolve names here. */
    private static InetAddress literal(String text) throws UnknownHostException {
        if (!text.matches("[0-9a-fA-F:.]+")) {
            throw new UnknownHostException("not an address literal");
        }
        return InetAddress.getByName(text);
    }
}
