package io.switchboard.irc;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.switchboard.ChatServer;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An IRC client the server refuses or bans is told why in its {@code ERROR} line (and a
 * ban with {@code 465}), not just closed. (The same settings as IrcTargetsTests: one
 * running server for both; each test connects from an address of its own.)
 */
@SwitchboardTest({ "--test.client.rate=1", "--switchboard.client.burst=8", "--switchboard.max-clients-per-ip=2" })
class IrcRefusalTests {

	@Autowired
	ChatServer server;

	@Test
	void aClientOverItsAddressLimitIsToldWhyInItsErrorLine() {
		String address = "127.0.0.51";
		try (IrcProbe first = IrcProbe.from(address, this.server.ircPort()).register("first" + unique());
				IrcProbe second = IrcProbe.from(address, this.server.ircPort()).register("second" + unique());
				IrcProbe third = IrcProbe.from(address, this.server.ircPort())) {
			third.send("NICK third" + unique()).send("USER u 0 * :R");
			assertThat(third.readToEnd()).last()
				.isEqualTo("ERROR :Closing link: switchboard (too many connections from your address (max 2))");
		}
	}

	@Test
	void aBannedClientGets465AndTheBanInItsErrorLineWhetherConnectedOrArriving() {
		String address = "127.0.0.52";
		try (IrcProbe banned = IrcProbe.from(address, this.server.ircPort()).register("banned" + unique())) {
			HttpResponse<String> posted = this.server.http("POST", "/actuator/bans",
					"{\"ip\": \"" + address + "\", \"reason\": \"spam\"}");
			assertThat(posted.statusCode()).isEqualTo(201);
			try {
				List<String> rest = banned.readToEnd();
				assertThat(rest).anyMatch((line) -> line.matches(
						":switchboard 465 banned\\w+ :You are banned from this server \\(spam \\(permanent\\)\\)"));
				assertThat(rest).last().isEqualTo("ERROR :Closing link: switchboard (banned: spam (permanent))");
				try (IrcProbe again = IrcProbe.from(address, this.server.ircPort())) {
					assertThat(again.readToEnd()).containsExactly(
							":switchboard 465 * :You are banned from this server (spam (permanent))",
							"ERROR :Closing link: switchboard (banned: spam (permanent))");
				}
			}
			finally {
				this.server.http("DELETE", "/actuator/bans/" + JsonPath.read(posted.body(), "$.id"), "");
			}
		}
	}

	private static String unique() {
		return UUID.randomUUID().toString().substring(0, 6);
	}

}
