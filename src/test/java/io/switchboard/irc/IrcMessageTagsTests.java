package io.switchboard.irc;

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
 * IRCv3 message-tags in full: client-only tags ({@code +draft/...}) relayed with a line
 * to the clients that asked for {@code message-tags} and to no one else, {@code TAGMSG}
 * to channels and nicks (never to other doors), the 4,094-byte limit of a client's tags
 * ({@code 417}), and no client passing off the server's tags.
 */
@SwitchboardTest
class IrcMessageTagsTests {

	@Autowired
	ChatServer server;

	@Test
	void clientOnlyTagsReachOnlyClientsThatAskedForMessageTagsAndForgedServerTagsAreDropped() {
		String room = room();
		String alice = nick("al");
		String bob = nick("bo");
		String carol = nick("ca");
		String dave = nick("da");
		try (IrcProbe a = tagged(alice, "message-tags");
				IrcProbe b = tagged(bob, "message-tags echo-message");
				IrcProbe c = IrcProbe.registered(this.server.ircPort(), carol);
				IrcProbe d = tagged(dave, "server-time");
				LineClient nc = LineClient.connected(this.server.tcpPort())) {
			for (IrcProbe irc : new IrcProbe[] { a, b, c, d }) {
				joined(irc, room);
			}
			nc.command("/join " + room);
			a.send("@+draft/reply=abc;msgid=forged;time=2001-01-01T00:00:00.000Z;+example.com/x=a\\sb PRIVMSG #" + room
					+ " :hi");
			String toBob = b.readUntil((line) -> line.contains(" PRIVMSG "));
			assertThat(toBob).startsWith("@msgid=")
				.endsWith(";+draft/reply=abc;+example.com/x=a\\sb :" + mask(alice) + " PRIVMSG #" + room + " :hi")
				.doesNotContain("forged")
				.doesNotContain("2001");
			assertThat(c.readUntil((line) -> line.contains(" PRIVMSG ")))
				.isEqualTo(":" + mask(alice) + " PRIVMSG #" + room + " :hi");
			String toDave = d.readUntil((line) -> line.contains(" PRIVMSG "));
			assertThat(toDave).startsWith("@time=").doesNotContain("+draft").doesNotContain("2001");
			assertThat(nc.readUntil((line) -> line.endsWith("hi"))).contains(alice).doesNotContain("draft");
			// With echo-message the sender gets its own tags back, under the same msgid.
			b.send("@+draft/react=x PRIVMSG #" + room + " :yes");
			String echo = b.readUntil((line) -> line.contains(" PRIVMSG "));
			String relayed = a.readUntil((line) -> line.contains(" PRIVMSG "));
			assertThat(echo).isEqualTo(relayed).contains(";+draft/react=x ");
		}
	}

	@Test
	void privateMessagesCarryClientTagsToATaggedReceiverOnly() {
		String alice = nick("al");
		String bob = nick("bo");
		String carol = nick("ca");
		try (IrcProbe a = tagged(alice, "message-tags echo-message");
				IrcProbe b = tagged(bob, "message-tags");
				IrcProbe c = IrcProbe.registered(this.server.ircPort(), carol)) {
			a.send("@+draft/reply=p1 PRIVMSG " + bob + " :hey");
			assertThat(b.readUntil((line) -> line.contains(" PRIVMSG "))).startsWith("@msgid=")
				.contains(";+draft/reply=p1 :" + mask(alice) + " PRIVMSG " + bob + " :hey");
			assertThat(a.readUntil((line) -> line.contains(" PRIVMSG "))).contains(";+draft/reply=p1 ");
			a.send("@+draft/reply=p1 PRIVMSG " + carol + " :hey");
			assertThat(c.readUntil((line) -> line.contains(" PRIVMSG ")))
				.isEqualTo(":" + mask(alice) + " PRIVMSG " + carol + " :hey");
		}
	}

	@Test
	void tagmsgReachesTaggedIrcClientsOnlyAndNeverOtherDoors() {
		String room = room();
		String alice = nick("al");
		String bob = nick("bo");
		String carol = nick("ca");
		try (IrcProbe a = tagged(alice, "message-tags");
				IrcProbe b = tagged(bob, "message-tags echo-message");
				IrcProbe c = tagged(carol, "server-time");
				LineClient nc = LineClient.connected(this.server.tcpPort())) {
			joined(a, room);
			joined(b, room);
			joined(c, room);
			nc.command("/join " + room);
			b.send("@+typing=active;cat=dog;+buzz=fizz\\:buzz TAGMSG #" + room);
			String relayed = a.readUntil((line) -> line.contains(" TAGMSG "));
			assertThat(relayed).startsWith("@msgid=t")
				.endsWith(";+typing=active;+buzz=fizz\\:buzz :" + mask(bob) + " TAGMSG #" + room)
				.doesNotContain("cat=dog");
			assertThat(b.readUntil((line) -> line.contains(" TAGMSG "))).isEqualTo(relayed);
			// The next line is the first thing carol and the line client get: no TAGMSG
			// came before it.
			b.send("PRIVMSG #" + room + " :after");
			assertThat(c.readUntil((line) -> !line.contains(" JOIN "))).contains(" PRIVMSG #" + room + " :after");
			assertThat(nc.readUntil((line) -> !line.contains("joined"))).endsWith("after");
			// To a nick: only that IRC client; to no one, 401; to a channel not joined,
			// 404.
			b.send("@+typing=paused TAGMSG " + alice);
			assertThat(a.readUntil((line) -> line.contains(" TAGMSG "))).endsWith(" TAGMSG " + alice)
				.contains("+typing=paused");
			b.send("@+typing=paused TAGMSG nobody" + bob);
			assertThat(b.readUntil((line) -> line.contains(" 401 "))).contains(" nobody" + bob + " :No such nick");
			b.send("@+typing=paused TAGMSG #other" + room);
			assertThat(b.readUntil((line) -> line.contains(" 404 "))).contains(" #other" + room + " :");
		}
	}

	@Test
	void clientTagsPastTheirLimitGet417AndRelayNothingAndTheConnectionStays() {
		String room = room();
		String alice = nick("al");
		String bob = nick("bo");
		try (IrcProbe a = tagged(alice, "message-tags echo-message"); IrcProbe b = tagged(bob, "message-tags")) {
			joined(a, room);
			joined(b, room);
			String atLimit = "@foo=bar;+baz=" + "a".repeat(4081) + " TAGMSG #" + room;
			assertThat(atLimit.indexOf("TAGMSG")).isEqualTo(4096);
			a.send(atLimit);
			assertThat(b.readUntil((line) -> line.contains(" TAGMSG "))).contains("+baz=" + "a".repeat(4081) + " ");
			a.readUntil((line) -> line.contains(" TAGMSG "));
			a.send("@foo=bar;+baz=" + "a".repeat(4082) + " PRIVMSG #" + room + " :" + "b".repeat(400));
			assertThat(a.readLine()).isEqualTo(":switchboard 417 " + alice + " :Input line was too long");
			a.send("PRIVMSG #" + room + " :still here");
			assertThat(b.readUntil((line) -> line.contains(" PRIVMSG "))).endsWith(":still here");
			// Past both limits at once: the line cannot be cut apart, so the client goes.
			a.send("@+baz=" + "a".repeat(5000) + " PRIVMSG #" + room + " :" + "b".repeat(400));
			assertThat(a.readToEnd()).contains(":switchboard 417 " + alice + " :Input line was too long");
		}
	}

	@Test
	void malformedTagsAreDroppedAndTheLineStillGoes() {
		String room = room();
		String alice = nick("al");
		String bob = nick("bo");
		try (IrcProbe a = tagged(alice, "message-tags"); IrcProbe b = tagged(bob, "message-tags")) {
			joined(a, room);
			joined(b, room);
			a.send("@;;=x;+;+/y;+a/;+ok;+=v;+b@d=1;+ok=2 PRIVMSG #" + room + " :garbage tags");
			assertThat(b.readUntil((line) -> line.contains(" PRIVMSG "))).contains(";+ok=2 :")
				.endsWith(":garbage tags")
				.doesNotContain("+b@d");
			// Only invalid tags: a TAGMSG with nothing to show is dropped.
			a.send("@+ TAGMSG #" + room);
			a.send("PRIVMSG #" + room + " :next");
			assertThat(b.readUntil((line) -> !line.contains(" JOIN "))).endsWith(":next");
		}
	}

	private IrcProbe tagged(String nick, String capabilities) {
		IrcProbe irc = new IrcProbe(this.server.ircPort());
		irc.send("CAP LS 302").send("CAP REQ :" + capabilities).send("CAP END");
		return irc.register(nick);
	}

}
