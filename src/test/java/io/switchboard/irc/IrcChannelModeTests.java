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
 * Channel modes that do something, on every door where the mode means something there:
 * {@code +m} and {@code +v}, {@code +i} with {@code INVITE}, {@code +k}, {@code +l},
 * {@code +s}, {@code +b} (bounded), set by the channel's operators only.
 */
@SwitchboardTest
class IrcChannelModeTests {

	@Autowired
	ChatServer server;

	@Test
	void aModeratedRoomRefusesUnvoicedMembersOfEveryDoorUntilVoiced() {
		String room = room();
		String op = nick("op");
		String member = nick("mb");
		try (IrcProbe o = IrcProbe.registered(this.server.ircPort(), op);
				IrcProbe m = IrcProbe.registered(this.server.ircPort(), member);
				LineClient nc = LineClient.connected(this.server.tcpPort())) {
			joined(o, room);
			joined(m, room);
			nc.command("/join " + room);
			m.send("MODE #" + room + " +m");
			assertThat(m.readUntil((line) -> line.contains(" 482 "))).contains(" 482 " + member + " #" + room);
			o.send("MODE #" + room + " +mt");
			assertThat(o.readUntil((line) -> line.contains(" MODE #")))
				.isEqualTo(":" + mask(op) + " MODE #" + room + " +mt");
			assertThat(m.readUntil((line) -> line.contains(" MODE #"))).endsWith(" MODE #" + room + " +mt");
			m.send("PRIVMSG #" + room + " :may I?");
			assertThat(m.readLine())
				.startsWith(":switchboard 404 " + member + " #" + room + " :Cannot send to channel");
			assertThat(nc.command("hello")).startsWith("ERR room " + room + " is moderated (+m)");
			m.send("TOPIC #" + room + " :mine");
			assertThat(m.readLine()).startsWith(":switchboard 482 " + member + " #" + room);
			o.send("MODE #" + room + " +v " + member);
			assertThat(m.readUntil((line) -> line.contains(" MODE #"))).endsWith(" MODE #" + room + " +v " + member);
			m.send("PRIVMSG #" + room + " :now I may");
			assertThat(o.readUntil((line) -> line.contains("now I may"))).endsWith(" PRIVMSG #" + room + " :now I may");
			o.send("MODE #" + room);
			assertThat(o.readLine()).isEqualTo(":switchboard 324 " + op + " #" + room + " +mnt");
			assertThat(o.readLine()).startsWith(":switchboard 329 " + op + " #" + room + " ");
		}
	}

	@Test
	void inviteOnlyKeyAndLimitKeepClientsOutWithTheirNumerics() {
		String room = room();
		String op = nick("op");
		String guest = nick("gs");
		try (IrcProbe o = IrcProbe.registered(this.server.ircPort(), op);
				IrcProbe g = IrcProbe.registered(this.server.ircPort(), guest);
				LineClient nc = LineClient.connected(this.server.tcpPort())) {
			joined(o, room);
			o.send("MODE #" + room + " +i");
			o.readUntil((line) -> line.contains(" MODE #"));
			g.send("JOIN #" + room);
			assertThat(g.readLine())
				.isEqualTo(":switchboard 473 " + guest + " #" + room + " :Cannot join channel (+i)");
			assertThat(nc.command("/join " + room)).startsWith("ERR room " + room + " is invite-only");
			o.send("INVITE " + guest + " #" + room);
			assertThat(o.readUntil((line) -> line.contains(" 341 ")))
				.isEqualTo(":switchboard 341 " + op + " " + guest + " #" + room);
			assertThat(g.readLine()).isEqualTo(":" + mask(op) + " INVITE " + guest + " #" + room);
			joined(g, room);
			o.send("INVITE " + guest + " #" + room);
			assertThat(o.readUntil((line) -> line.contains(" 443 ")))
				.contains(" 443 " + op + " " + guest + " #" + room);
			g.send("PART #" + room);
			o.send("MODE #" + room + " -i+kl sesame 5");
			assertThat(o.readUntil((line) -> line.contains(" MODE #")))
				.isEqualTo(":" + mask(op) + " MODE #" + room + " -i+kl sesame 5");
			g.send("JOIN #" + room + " wrong");
			assertThat(g.readUntil((line) -> line.contains(" 475 ")))
				.isEqualTo(":switchboard 475 " + guest + " #" + room + " :Cannot join channel (+k)");
			assertThat(nc.command("/join " + room)).as("a line client has no key to give")
				.startsWith("ERR room " + room + " needs its key");
			g.send("MODE #" + room);
			assertThat(g.readUntil((line) -> line.contains(" 324 "))).as("the key is the members'")
				.isEqualTo(":switchboard 324 " + guest + " #" + room + " +kln * 5");
			o.send("MODE #" + room + " -k+l *  1");
			assertThat(o.readUntil((line) -> line.contains(" MODE #"))).endsWith(" MODE #" + room + " -k+l * 1");
			joinRefused(g, room + " sesame", "471");
		}
	}

	@Test
	void theBanListIsBoundedAndListedAndABannedNickIsKeptOut() {
		String room = room();
		String op = nick("op");
		String banned = nick("bn");
		try (IrcProbe o = IrcProbe.registered(this.server.ircPort(), op);
				IrcProbe b = IrcProbe.registered(this.server.ircPort(), banned)) {
			joined(o, room);
			o.send("MODE #" + room + " +b " + banned.toUpperCase());
			assertThat(o.readLine())
				.isEqualTo(":" + mask(op) + " MODE #" + room + " +b " + banned.toUpperCase() + "!*@*");
			joinRefused(b, room, "474");
			// 15 lines of 4 masks, one more asked per line than MODES allows: 60 asked,
			// 50 kept, the rest refused with 478.
			for (int line = 0; line < 15; line++) {
				o.send("MODE #" + room + " +bbbbb a" + line + " b" + line + " c" + line + " d" + line + " e" + line);
			}
			o.send("MODE #" + room + " b");
			List<String> list = new ArrayList<>();
			for (String line = o.readLine(); !line.contains(" 368 "); line = o.readLine()) {
				if (line.contains(" 367 ")) {
					list.add(line);
				}
			}
			assertThat(list).hasSize(50);
			assertThat(list.getFirst()).matches(
					":switchboard 367 " + op + " #" + room + " " + banned.toUpperCase() + "!\\*@\\* " + op + " \\d+");
			b.send("MODE #" + room + " -b " + banned);
			assertThat(b.readLine()).startsWith(":switchboard 482 " + banned + " #" + room);
		}
	}

	@Test
	void aSecretChannelIsLeftOutOfListAndMarkedInNames() {
		String room = room();
		String op = nick("op");
		String other = nick("ot");
		try (IrcProbe o = IrcProbe.registered(this.server.ircPort(), op);
				IrcProbe x = IrcProbe.registered(this.server.ircPort(), other)) {
			joined(o, room);
			o.send("MODE #" + room + " +s");
			o.readUntil((line) -> line.contains(" MODE #"));
			o.send("NAMES #" + room);
			assertThat(o.readLine()).isEqualTo(":switchboard 353 " + op + " @ #" + room + " :@" + op);
			x.send("LIST");
			List<String> listed = new ArrayList<>();
			for (String line = x.readLine(); !line.contains(" 323 "); line = x.readLine()) {
				listed.add(line);
			}
			assertThat(listed).noneMatch((line) -> line.contains("#" + room));
		}
	}

	@Test
	void aLineThatIsNotUtf8IsRefusedWithFailInvalidUtf8AndNeverRelayed() {
		String room = room();
		String sender = nick("l1");
		String reader = nick("rd");
		try (IrcProbe s = IrcProbe.registered(this.server.ircPort(), sender);
				IrcProbe r = IrcProbe.registered(this.server.ircPort(), reader)) {
			joined(s, room);
			joined(r, room);
			s.sendRaw(("PRIVMSG #" + room + " :caf\u00e9 ").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
			s.sendRaw(new byte[] { '\r', '\n' });
			assertThat(s.readUntil((line) -> line.contains(" FAIL ")))
				.startsWith(":switchboard FAIL PRIVMSG INVALID_UTF8 :");
			s.send("PRIVMSG #" + room + " :caf\u00e9");
			assertThat(r.readUntil((line) -> line.contains(" PRIVMSG "))).endsWith(" :caf\u00e9");
		}
	}

	private static void joinRefused(IrcProbe irc, String channelAndKey, String numeric) {
		irc.send("JOIN #" + channelAndKey);
		assertThat(irc.readUntil((line) -> line.contains(" " + numeric + " ") || line.contains(" JOIN ")))
			.contains(" " + numeric + " ");
	}

}
