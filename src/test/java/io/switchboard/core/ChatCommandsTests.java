package io.switchboard.core;

import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.switchboard.core.HubFixture.Client;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The slash commands of the line protocol, sent through {@link ChatHub#receive} as a door
 * hands them over, without Spring or sockets. Replies go to the caller only.
 */
class ChatCommandsTests {

	private final HubFixture fixture = HubFixture.withDefaults();

	@Test
	void nickNamesTheClientToItselfAndToOthers() {
		Client alice = this.fixture.join();
		Client bob = this.fixture.join("bob");

		alice.send("/nick alice");
		alice.send("hello");

		assertThat(alice.take()).containsExactly("* you are now alice", "alice hello");
		assertThat(bob.take()).containsExactly("alice hello");
		assertThat(this.fixture.registry.findByNick("ALICE")).isSameAs(alice.session());
	}

	@Test
	void meSaysAnActionThatTheRoomSeesAsOneWithTheSendersName() {
		Client alice = this.fixture.join("alice");
		Client bob = this.fixture.join("bob");

		alice.send("/me hands bob a coffee");
		alice.send("/me");
		alice.send("/me    ");

		assertThat(bob.take()).containsExactly("* alice hands bob a coffee");
		assertThat(alice.take()).containsExactly("* alice hands bob a coffee", "ERR usage: /me ACTION",
				"ERR usage: /me ACTION");
	}

	@Test
	void anActionIsKeptInHistoryAsAnAction() {
		Client alice = this.fixture.join("alice");
		alice.send("/me waves");
		alice.take();

		Client bob = this.fixture.join("bob");
		bob.send("/history");

		assertThat(bob.take()).contains("* alice waves");
	}

	@Test
	void aNickTakenIgnoringCaseIsRefusedAndAnInvalidOneGetsTheRules() {
		this.fixture.join("alice");
		Client other = this.fixture.join();

		other.send("/nick Alice");
		other.send("/nick 9lives");
		other.send("/nick");

		assertThat(other.take()).containsExactly("ERR nick Alice is taken",
				"ERR usage: /nick NAME (" + Nicks.RULES + ")", "ERR usage: /nick NAME (" + Nicks.RULES + ")");
		assertThat(other.session().nick()).isNull();
	}

	@Test
	void aNickGivenUpIsFreeForAnother() {
		Client alice = this.fixture.join("alice");
		Client other = this.fixture.join();

		alice.send("/nick alicia");
		other.send("/nick alice");

		assertThat(other.take()).containsExactly("* you are now alice");
	}

	@Test
	void joinMovesTheClientAndABadRoomNameGetsTheUsage() {
		Client alice = this.fixture.join("alice");

		alice.send("/join dev");
		alice.send("/join dev");
		alice.send("/join no/such/room");
		alice.send("/join dev soon");

		String usage = "ERR usage: /join ROOM [since=ID] (ROOM: 1-32 of A-Z a-z 0-9 _ . -)";
		assertThat(alice.take()).containsExactly("* you are now in room dev", "* you are now in room dev", usage,
				usage);
		assertThat(alice.session().room()).isEqualTo("dev");
	}

	@Test
	void whoListsTheRoomsMembersInOrderOfArrival() {
		Client alice = this.fixture.join("alice");
		this.fixture.join("bob");
		Client carol = this.fixture.join("carol");
		carol.send("/join dev");
		carol.take();

		alice.send("/who");
		carol.send("/who");

		assertThat(alice.take()).containsExactly("* in lobby: alice, bob");
		assertThat(carol.take()).containsExactly("* in dev: carol");
	}

	@Test
	void roomsListsEveryRoomWithMembersAndHowManyByName() {
		Client alice = this.fixture.join("alice");
		Client bob = this.fixture.join("bob");
		Client carol = this.fixture.join("carol");
		bob.send("/join zoo");
		carol.send("/join dev");

		alice.send("/rooms");

		assertThat(alice.take()).containsExactly("* rooms: dev (1), lobby (1), zoo (1)");
	}

	@Test
	void listsStopAtMaxListEntriesAndCountTheRest() {
		HubFixture small = HubFixture.with(Map.of("switchboard.max-list-entries", "2"));
		Client alice = small.join("alice");
		small.join("bob");
		small.join("carol");
		small.join("dave");

		alice.send("/who");

		assertThat(alice.take()).containsExactly("* in lobby: alice, bob, \u2026 and 2 more");
	}

	@Test
	void msgReachesTheNamedClientOnlyAndTheSenderGetsItsCopy() {
		Client alice = this.fixture.join("alice");
		Client bob = this.fixture.join("bob");
		Client carol = this.fixture.join("carol");

		alice.send("/msg BOB psst");

		assertThat(bob.take()).containsExactly("alice -> bob: psst");
		assertThat(alice.take()).containsExactly("alice -> bob: psst");
		assertThat(carol.take()).isEmpty();
	}

	@Test
	void msgToNobodyOrWithoutTextIsRefused() {
		Client alice = this.fixture.join("alice");

		alice.send("/msg nobody hello");
		alice.send("/msg alice hello");
		alice.send("/msg bob");

		assertThat(alice.take()).containsExactly("ERR no such nick nobody",
				"ERR you cannot send a private message to yourself", "ERR usage: /msg NICK TEXT");
	}

	@Test
	void anUnknownCommandIsNamedBackWithAPointerToHelp() {
		Client alice = this.fixture.join("alice");
		Client bob = this.fixture.join("bob");

		alice.send("/frobnicate now");
		alice.send("/" + "x".repeat(100));

		assertThat(alice.take()).containsExactly("ERR unknown command /frobnicate (try /help)",
				"ERR unknown command /" + "x".repeat(39) + "\u2026 (try /help)");
		assertThat(bob.take()).as("a command is no chat line").isEmpty();
	}

	@Test
	void helpListsTheCommandsAndEachOneListedIsKnown() {
		Client alice = this.fixture.join("alice");

		alice.send("/help");

		List<String> help = alice.take();
		assertThat(help).hasSize(1);
		assertThat(help.getFirst()).startsWith("* commands: ");
		List<String> listed = Pattern.compile("/[a-z]+")
			.matcher(help.getFirst())
			.results()
			.map(MatchResult::group)
			.distinct()
			.toList();
		assertThat(listed).contains("/nick", "/join", "/rooms", "/who", "/part", "/msg", "/history", "/topic", "/ping",
				"/help", "/quit", "/kick", "/ban");
		for (String command : listed) {
			if (!command.equals("/quit")) {
				alice.send(command);
				assertThat(alice.take()).as(command).noneMatch((line) -> line.startsWith("ERR unknown command"));
			}
		}
	}

	@Test
	void pingIsAnsweredAndQuitSaysByeAndClosesTheConnection() {
		Client alice = this.fixture.join("alice");

		alice.send("/ping");
		alice.send("/quit");

		assertThat(alice.take()).containsExactly("* pong", "* bye");
		assertThat(alice.wire.closed()).isTrue();
		assertThat(alice.session().closeReason()).isEqualTo(CloseReason.QUIT);
	}

	@Test
	void partNeedsSeveralRooms() {
		Client alice = this.fixture.join("alice");

		alice.send("/part lobby");

		assertThat(alice.take())
			.containsExactly("ERR /part needs several rooms (switchboard.line.multi-room is off): /join another room");
		assertThat(alice.session().room()).isEqualTo("lobby");
	}

	@Test
	void theGreetingNamesTheClientAndItsRoom() {
		Client alice = this.fixture.connect("192.0.2.7");

		Matcher greeting = Pattern.compile("\\* welcome to switchboard, you are (.+) in room (.+); /help for commands")
			.matcher(alice.take().getFirst());

		assertThat(greeting.matches()).isTrue();
		assertThat(greeting.group(1)).isEqualTo("192.0.2.7:40000");
		assertThat(greeting.group(2)).isEqualTo("lobby");
	}

}
