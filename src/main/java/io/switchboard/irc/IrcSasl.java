package io.switchboard.irc;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

import io.switchboard.core.ClientSession;
import org.jspecify.annotations.Nullable;

/**
 * IRCv3 SASL ({@code AUTHENTICATE}) for {@code switchboard.auth.mode=token}, with two
 * mechanisms that carry the client's token: {@code PLAIN}, the token as the password, and
 * {@code OAUTHBEARER} (RFC 7628), the token as the bearer token
 * ({@code n,,\x01auth=Bearer JWT\x01\x01}). A signed token (an RS256 JWT is 800
 * characters and more) does not fit in a 512-byte {@code PASS} line, while SASL sends it
 * in chunks of 400 base64 bytes. The authorization and authentication identities are
 * ignored: the token alone says who the client is.
 * <p>
 * Bounded: a payload longer than {@value #MAX_PAYLOAD} base64 bytes is refused with
 * {@code 905} and forgotten at once, so a client cannot make the server hold more than
 * that by never ending its chunks (and the registration timeout and flood control still
 * apply to every line).
 */
final class IrcSasl {

	/** The mechanisms offered, as {@code CAP LS 302} and {@code 908} list them. */
	static final String MECHANISMS = "PLAIN,OAUTHBEARER";

	private static final String PLAIN = "PLAIN";

	private static final String OAUTHBEARER = "OAUTHBEARER";

	/** Base64 bytes one payload may have in all: a 6 KB token. */
	static final int MAX_PAYLOAD = 8192;

	private static final int CHUNK = 400;

	private final IrcConnection connection;

	/** The payload so far, null while no {@code AUTHENTICATE} is under way. */
	private @Nullable StringBuilder payload;

	/** The mechanism under way: {@link #PLAIN} or {@link #OAUTHBEARER}. */
	private String mechanism = PLAIN;

	IrcSasl(IrcConnection connection) {
		this.connection = connection;
	}

	/**
	 * One {@code AUTHENTICATE} line.
	 * @return the token once a whole payload has come, else null
	 */
	@Nullable String authenticate(ClientSession current, IrcMessage message) {
		String me = this.connection.nickOrStar();
		String argument = message.param(0);
		if (current.identity() != null) {
			this.connection.reply("907 " + me + " :You have already authenticated using SASL");
			return null;
		}
		if (argument.equals("*")) {
			this.payload = null;
			this.connection.reply("906 " + me + " :SASL authentication aborted");
			return null;
		}
		if (this.payload == null) {
			String asked = argument.toUpperCase(Locale.ROOT);
			if (!asked.equals(PLAIN) && !asked.equals(OAUTHBEARER)) {
				this.connection.reply("908 " + me + " " + MECHANISMS + " :are available SASL mechanisms");
				this.connection.reply("904 " + me + " :SASL authentication failed");
				return null;
			}
			this.mechanism = asked;
			this.payload = new StringBuilder();
			this.connection.reply("AUTHENTICATE +");
			return null;
		}
		StringBuilder sofar = this.payload;
		if (!argument.equals("+")) {
			if (argument.length() > CHUNK || sofar.length() + argument.length() > MAX_PAYLOAD) {
				this.payload = null;
				this.connection.reply("905 " + me + " :SASL message too long");
				return null;
			}
			sofar.append(argument);
			if (argument.length() == CHUNK) {
				return null; // more follows
			}
		}
		this.payload = null;
		String token = this.mechanism.equals(PLAIN) ? token(sofar.toString()) : bearer(sofar.toString());
		if (token == null) {
			this.connection.reply("904 " + me + " :SASL authentication failed");
		}
		return token;
	}

	/**
	 * The password of a PLAIN payload ({@code authzid NUL authcid NUL passwd}), or null
	 * if it is not one.
	 */
	static @Nullable String token(String base64) {
		byte[] decoded;
		try {
			decoded = Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		String plain = new String(decoded, StandardCharsets.UTF_8);
		int first = plain.indexOf('\0');
		int second = (first < 0) ? -1 : plain.indexOf('\0', first + 1);
		if (second < 0 || second == plain.length() - 1) {
			return null;
		}
		return plain.substring(second + 1);
	}

	/**
	 * The bearer token of an OAUTHBEARER initial response (RFC 7628: a GS2 header without
	 * channel binding, {@code n,,} or {@code n,a=AUTHZID,}, then {@code \x01}-separated
	 * key-value pairs, among them {@code auth=Bearer TOKEN}, ended by {@code \x01\x01}),
	 * or null if it is not one. A failure is answered with {@code 904} at once, not with
	 * RFC 7628's JSON error challenge: IRC clients end the exchange there either way.
	 */
	static @Nullable String bearer(String base64) {
		byte[] decoded;
		try {
			decoded = Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		String response = new String(decoded, StandardCharsets.UTF_8);
		// gs2-header: "n" or "y" (no channel binding here; "p=" asks for one), then the
		// optional authzid, each followed by a comma.
		if (!(response.startsWith("n,") || response.startsWith("y,"))) {
			return null;
		}
		int header = response.indexOf(',', 2);
		if (header < 0 || header + 4 > response.length() || !response.endsWith("\u0001\u0001")
				|| response.charAt(header + 1) != '\u0001') {
			return null;
		}
		for (String pair : response.substring(header + 2, response.length() - 2).split("\u0001")) {
			if (pair.startsWith("auth=") && pair.regionMatches(true, 5, "Bearer ", 0, 7)) {
				String token = pair.substring(12).strip();
				return token.isEmpty() ? null : token;
			}
		}
		return null;
	}

}
