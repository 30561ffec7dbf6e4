package io.switchboard.irc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

import io.switchboard.core.Nicks;

/**
 * How IRC users see a client that has no nick: every door shows a client by its nick, or
 * without one by its address ({@code 127.0.0.1:38436}) or id ({@code udp-3}), which IRC
 * cannot show. Here such a name becomes a valid nick, the same for the client's whole
 * connection and unique among the clients connected: {@code ip-127-0-0-1-38436}, and for
 * addresses too long for a nick {@code ip6-} and a hash of it. The hub reserves these
 * shapes, so no one can take such a nick.
 */
final class IrcNicks {

	private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

	private IrcNicks() {
	}

	static String of(String from) {
		if (Nicks.isValid(from)) {
			return from;
		}
		boolean address = from.indexOf(':') >= 0 || from.indexOf('.') >= 0;
		String shown = (address ? "ip-" : "") + from.replaceAll("[^A-Za-z0-9\\[\\]\\\\^_`{|}-]", "-");
		if (Nicks.isValid(shown)) {
			return shown;
		}
		return "ip6-" + hash(from);
	}

	private static String hash(String from) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(from.getBytes(StandardCharsets.UTF_8));
			StringBuilder text = new StringBuilder(13);
			long bits = 0;
			for (int i = 0; i < 8; i++) {
				bits = (bits << 8) | (digest[i] & 0xff);
			}
			for (int i = 0; i < 12; i++) { // 60 bits
				text.append(BASE32[(int) (bits >>> (59 - 5 * i - 4)) & 31]);
			}
			return text.toString().toLowerCase(Locale.ROOT);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
