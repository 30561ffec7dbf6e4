package io.switchboard.irc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.switchboard.ChatServer;
import io.switchboard.SwitchboardTest;
import io.switchboard.auth.Tokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SASL PLAIN with the token as its password and OAUTHBEARER with it as the bearer token,
 * in chunks of 400 base64 bytes: a token too long for a {@code PASS} line signs an IRC
 * client in. (The same settings as IrcTokenTests: one running server for both.)
 */
@SwitchboardTest({ "--switchboard.auth.mode=token", "--switchboard.auth.jwt.secret=" + Tokens.SECRET,
		"--switchboard.rooms.policies[0].pattern=news-*", "--switchboard.rooms.policies[0].read-only=true" })
class IrcSaslTests {

	@Autowired
	ChatServer server;

	@Test
	void aTokenLongerThanAnIrcLineSignsInThroughSaslInChunks() {
		String nick = "sasl" + UUID.randomUUID().toString().substring(0, 6);
		String token = Tokens.hmac("irc-" + nick, Duration.ofMinutes(5),
				Map.of("nick", nick, "rooms", List.of("team-*"), "note", "x".repeat(900)));
		assertThat(token.length()).as("longer than an IRC line").isGreaterThan(512);
		List<String> chunks = chunks(plain(token));
		assertThat(chunks.size()).isGreaterThan(2);
		try (IrcProbe irc = new IrcProbe(this.server.ircPort())) {
			irc.send("CAP LS 302");
			assertThat(irc.readUntil((line) -> line.contains(" LS :"))).endsWith(" sasl=PLAIN,OAUTHBEARER");
			irc.send("NICK whatever").send("USER u 0 * :R").send("CAP REQ :sasl");
			assertThat(irc.readUntil((line) -> line.contains(" ACK "))).endsWith("ACK :sasl");
			irc.send("AUTHENTICATE PLAIN");
			assertThat(irc.readLine()).isEqualTo(":switchboard AUTHENTICATE +");
			chunks.forEach((chunk) -> irc.send("AUTHENTICATE " + chunk));
			assertThat(irc.readUntil((line) -> line.contains(" 900 "))).contains(" irc-" + nick + " ");
			assertThat(irc.readLine()).contains(" 903 ");
			irc.send("CAP END");
			assertThat(irc.readUntil((line) -> line.contains(" 001 "))).startsWith(":switchboard 001 " + nick + " ");
		}
	}

	@Test
	void aJwtSignsInThroughOauthBearer() {
		String nick = "oab" + UUID.randomUUID().toString().substring(0, 6);
		String token = Tokens.hmac("irc-" + nick, Duration.ofMinutes(5), Map.of("nick", nick, "note", "x".repeat(900)));
		List<String> chunks = chunks(bearer("n,,", token));
		try (IrcProbe irc = new IrcProbe(this.server.ircPort())) {
			irc.send("CAP LS 302").send("NICK whatever").send("USER u 0 * :R").send("CAP REQ :sasl");
			irc.readUntil((line) -> line.contains(" ACK "));
			irc.send("AUTHENTICATE OAUTHBEARER");
			assertThat(irc.readLine()).isEqualTo(":switchboard AUTHENTICATE +");
			chunks.forEach((chunk) -> irc.send("AUTHENTICATE " + chunk));
			assertThat(irc.readUntil((line) -> line.contains(" 900 "))).contains(" irc-" + nick + " ");
			assertThat(irc.readLine()).contains(" 903 ");
			irc.send("CAP END");
			assertThat(irc.readUntil((line) -> line.contains(" 001 "))).startsWith(":switchboard 001 " + nick + " ");
		}
	}

	@Test
	void aForgedOrMalformedBearerFailsWithoutClosing() {
		String forged = Tokens.hmac("irc-mallory", Duration.ofMinutes(5), Map.of("nick", "mallory")) + "x";
		try (IrcProbe irc = new IrcProbe(this.server.ircPort())) {
			irc.send("CAP REQ :sasl");
			irc.readUntil((line) -> line.contains(" ACK "));
			// A GS2 header asking for channel binding, and no Bearer at all: refused
			// before any token is checked.
			for (String payload : List.of(bearer("p=tls-unique,,", "abc"),
					Base64.getEncoder().encodeToString("n,,\u0001auth=Basic abc\u0001\u0001".getBytes()),
					Base64.getEncoder().encodeToString("n,,\u0001\u0001".getBytes()))) {
				irc.send("AUTHENTICATE OAUTHBEARER");
				assertThat(irc.readLine()).isEqualTo(":switchboard AUTHENTICATE +");
				irc.send("AUTHENTICATE " + payload);
				assertThat(irc.readLine()).isEqualTo(":switchboard 904 * :SASL authentication failed");
			}
			irc.send("PING :still-here");
			assertThat(irc.readLine()).endsWith(":still-here");
			// A token whose signature is wrong: refused, as PASS refuses it.
			irc.send("AUTHENTICATE OAUTHBEARER");
			irc.readLine();
			irc.send("AUTHENTICATE " + bearer("n,,", forged));
			assertThat(irc.readUntil((line) -> line.startsWith("ERROR") || line.contains(" 904 "))).isNotNull();
		}
	}

	@Test
	void theBearerTokenIsReadFromRfc7628sInitialResponse() {
		assertThat(IrcSasl.bearer(bearer("n,,", "jwt.x.y"))).isEqualTo("jwt.x.y");
		assertThat(IrcSasl.bearer(bearer("n,a=bob,", "jwt.x.y"))).isEqualTo("jwt.x.y");
		assertThat(IrcSasl.bearer(Base64.getEncoder()
			.encodeToString("n,,\u0001host=irc.example\u0001port=6697\u0001auth=bearer t\u0001\u0001".getBytes())))
			.isEqualTo("t");
		assertThat(IrcSasl.bearer(Base64.getEncoder().encodeToString("n,,".getBytes()))).isNull();
		assertThat(IrcSasl.bearer(Base64.getEncoder().encodeToString("n,,\u0001\u0001".getBytes()))).isNull();
		assertThat(IrcSasl.bearer(bearer("p=x,,", "t"))).isNull();
		assertThat(IrcSasl.bearer("!!!")).isNull();
	}

	@Test
	void aPayloadPastItsBoundIsRefusedAndForgotten() {
		try (IrcProbe irc = new IrcProbe(this.server.ircPort())) {
			irc.send("CAP REQ :sasl");
			irc.readUntil((line) -> line.contains(" ACK "));
			irc.send("AUTHENTICATE PLAIN");
			assertThat(irc.readLine()).isEqualTo(":switchboard AUTHENTICATE +");
			String chunk = "A".repeat(400);
			for (int i = 0; i < IrcSasl.MAX_PAYLOAD / 400 + 1; i++) {
				irc.send("AUTHENTICATE " + chunk);
			}
			assertThat(irc.readLine()).isEqualTo(":switchboard 905 * :SASL message too long");
			// Forgotten: the next AUTHENTICATE starts over, with a mechanism.
			irc.send("AUTHENTICATE " + chunk);
			assertThat(irc.readLine()).contains(" 908 * PLAIN,OAUTHBEARER ");
		}
	}

	@Test
	void anUnknownMechanismOrABadPayloadFailsWithoutClosing() {
		try (IrcProbe irc = new IrcProbe(this.server.ircPort())) {
			irc.send("CAP REQ :sasl");
			irc.readUntil((line) -> line.contains(" ACK "));
			irc.send("AUTHENTICATE EXTERNAL");
			assertThat(irc.readLine()).isEqualTo(":switchboard 908 * PLAIN,OAUTHBEARER :are available SASL mechanisms");
			assertThat(irc.readLine()).isEqualTo(":switchboard 904 * :SASL authentication failed");
			irc.send("AUTHENTICATE PLAIN");
			assertThat(irc.readLine()).isEqualTo(":switchboard AUTHENTICATE +");
			irc.send("AUTHENTICATE !!!not-base64");
			assertThat(irc.readLine()).isEqualTo(":switchboard 904 * :SASL authentication failed");
			irc.send("PING :still-here");
			assertThat(irc.readLine()).endsWith(":still-here");
		}
	}

	@Test
	void saslIsOfferedOnlyWhereTokensAreTheWayIn() {
		assertThat(IrcSasl.token(plain("t0ken"))).isEqualTo("t0ken");
		assertThat(IrcSasl.token(Base64.getEncoder().encodeToString("no-nuls".getBytes(StandardCharsets.UTF_8))))
			.isNull();
	}

	private static String plain(String token) {
		return Base64.getEncoder().encodeToString(("\0someone\0" + token).getBytes(StandardCharsets.UTF_8));
	}

	private static String bearer(String gs2Header, String token) {
		return Base64.getEncoder()
			.encodeToString(
					(gs2Header + "\u0001auth=Bearer " + token + "\u0001\u0001").getBytes(StandardCharsets.UTF_8));
	}

	private static List<String> chunks(String payload) {
		List<String> chunks = new ArrayList<>();
		for (int at = 0; at < payload.length(); at += 400) {
			chunks.add(payload.substring(at, Math.min(payload.length(), at + 400)));
		}
		if (payload.length() % 400 == 0) {
			chunks.add("+");
		}
		return chunks;
	}

}
