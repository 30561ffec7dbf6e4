package io.switchboard.irc;

import java.util.ArrayList;
import java.util.List;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static io.switchboard.irc.IrcOperatorTests.joined;
import static io.switchboard.irc.IrcOperatorTests.mask;
import static io.switchboard.irc.IrcOperatorTests.nick;
import static io.switchboard.irc.IrcOperatorTests.room;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code KICK} as the RFCs and Modern IRC give it: the whole channel sees it, the kicked
 * client stays connected, and each refusal has its numeric.
 */
@SwitchboardTest
class IrcKickTests {

	@Autowired
	ChatServer server;

	@Test
	void theWholeChannelSeesTheKickWithTheKickersNickForCommentAndTheKickedClientStays() {
		String room = room();
		String maker = nick("mk");
		String kicked = nick("kd");
		try (IrcProbe m = IrcProbe.registered(this.server.ircPort(), maker);
				IrcProbe k = IrcProbe.registered(this.server.ircPort(), kicked);
				LineClient nc = LineClient.connected(this.server.tcpPort())) {
			joined(m, room);
			joined(k, room);
			String ncNick = nick("nc");
			nc.command("/nick " + ncNick);
			nc.command("/join " + room);
			m.send("KICK #" + room + " " + kicked);
			String kick = ":" + mask(maker) + " KICK #" + room + " " + kicked + " :" + maker;
			assertThat(m.readUntil((line) -> line.contains(" KICK "))).isEqualTo(kick);
			assertThat(k.readUntil((line) -> line.contains(" KICK "))).isEqualTo(kick);
			assertThat(nc.readUntil((line) -> line.contains("kicked")))
				.isEqualTo("* " + kicked + " was kicked by " + maker);
			k.send("NAMES #" + room);
			String names = k.readUntil((line) -> line.contains(" 353 "));
			assertThat(names.substring(names.lastIndexOf(':'))).contains(maker).doesNotContain(kicked);
			m.send("KICK #" + room + " " + ncNick + " :too loud");
			assertThat(m.readUntil((reply) -> reply.contains(" KICK ")))
				.isEqualTo(":" + mask(maker) + " KICK #" + room + " " + ncNick + " :too loud");
			assertThat(nc.readToEnd()).last()
				.isEqualTo("ERR kicked from room " + room + " by " + maker + " (too loud)");
		}
	}

	@Test
	void kickRefusalsHaveTheirNumericsAndAServerOperatorKicksFromOutside() {
		String room = room();
		String maker = nick("mk");
		String member = nick("mb");
		String outsider = nick("out");
		try (IrcProbe m = IrcProbe.registered(this.server.ircPort(), maker);
				IrcProbe b = IrcProbe.registered(this.server.ircPort(), member);
				IrcProbe o = IrcProbe.registered(this.server.ircPort(), outsider)) {
			joined(m, room);
			joined(b, room);
			o.send("KICK #nosuch" + room + " " + member);
			assertThat(o.readLine())
				.isEqualTo(":switchboard 403 " + outsider + " #nosuch" + room + " :No such channel");
			o.send("KICK #" + room + " " + member);
			assertThat(o.readLine())
				.isEqualTo(":switchboard 442 " + outsider + " #" + room + " :You're not on that channel");
			b.send("KICK #" + room + " " + maker);
			assertThat(b.readUntil((line) -> line.contains(" 482 ")))
				.isEqualTo(":switchboard 482 " + member + " #" + room + " :You're not channel operator");
			m.send("KICK #" + room + " " + outsider);
			assertThat(m.readUntil((line) -> line.contains(" 441 "))).isEqualTo(
					":switchboard 441 " + maker + " " + outsider + " #" + room + " :They aren't on that channel");
			o.send("OPER " + ChatServer.IRC_OPERATOR + " " + ChatServer.IRC_OPERATOR_PASSWORD);
			o.readUntil((line) -> line.contains(" MODE "));
			o.send("KICK #" + room + " " + maker + " :server rules");
			assertThat(b.readUntil((line) -> line.contains(" KICK ")))
				.isEqualTo(":" + mask(outsider) + " KICK #" + room + " " + maker + " :server rules");
		}
	}

	@Test
	void aKickOfFiftyNicksActsOnTheFirstFourOnly() {
		String room = room();
		String maker = nick("mk");
		List<String> nicks = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			nicks.add("absent" + i);
		}
		try (IrcProbe m = IrcProbe.registered(this.server.ircPort(), maker)) {
			joined(m, room);
			m.send("KICK #" + room + " " + String.join(",", nicks));
			m.send("PING :end");
			List<String> replies = new ArrayList<>();
			for (String line = m.readLine(); !line.endsWith(":end"); line = m.readLine()) {
				replies.add(line);
			}
			assertThat(replies).hasSize(IrcChannels.MAX_KICKS).allMatch((line) -> line.contains(" 441 "));
		}
	}

}
