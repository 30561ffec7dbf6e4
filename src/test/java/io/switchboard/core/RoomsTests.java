package io.switchboard.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.switchboard.core.HubFixture.Client;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rooms, their members and a client's membership, without Spring or sockets: the
 * {@link Rooms} table on its own, and joining and leaving through the hub as a line
 * client does.
 */
class RoomsTests {

	private final List<String> created = new ArrayList<>();

	private final List<String> closed = new ArrayList<>();

	private final Rooms rooms = new Rooms("lobby", this.closed::add, this.created::add, (room) -> true,
			(room, identity) -> false);

	private final HubFixture fixture = HubFixture.withDefaults();

	@Test
	void aRoomIsCreatedByItsFirstJoinAndClosedWhenItsLastMemberLeaves() {
		ClientSession alice = session();
		ClientSession bob = session();

		this.rooms.join(alice, "dev");
		this.rooms.join(bob, "dev");

		assertThat(this.created).containsExactly("dev");
		assertThat(this.rooms.count("dev")).isEqualTo(2);
		assertThat(this.rooms.leave(alice, "dev")).isTrue();
		assertThat(this.closed).as("one member is left").isEmpty();
		assertThat(this.rooms.isLive("dev")).isTrue();

		assertThat(this.rooms.leave(bob, "dev")).isTrue();

		assertThat(this.closed).containsExactly("dev");
		assertThat(this.rooms.isLive("dev")).isFalse();
		assertThat(this.rooms.count("dev")).isZero();
	}

	@Test
	void theDefaultRoomStaysWhenItsLastMemberLeaves() {
		ClientSession alice = session();
		this.rooms.join(alice, "lobby");

		this.rooms.leave(alice, "lobby");

		assertThat(this.closed).isEmpty();
		assertThat(this.rooms.isLive("lobby")).isTrue();
	}

	@Test
	void leavingARoomOneIsNotInChangesNothing() {
		ClientSession alice = session();
		ClientSession bob = session();
		this.rooms.join(alice, "dev");

		assertThat(this.rooms.leave(bob, "dev")).isFalse();
		assertThat(this.rooms.leave(bob, "nowhere")).isFalse();

		assertThat(this.rooms.members("dev")).containsExactly(alice);
		assertThat(this.closed).isEmpty();
	}

	@Test
	void countsListRoomsWithMembersByName() {
		ClientSession alice = session();
		ClientSession bob = session();
		ClientSession carol = session();
		this.rooms.join(alice, "zoo");
		this.rooms.join(bob, "dev");
		this.rooms.join(carol, "dev");

		assertThat(this.rooms.counts()).as("the empty default room is left out")
			.containsExactly(Map.entry("dev", 2), Map.entry("zoo", 1));
	}

	@Test
	void aFullRoomRefusesAJoinAndRunsNothingForIt() {
		ClientSession alice = session();
		ClientSession bob = session();
		AtomicInteger firsts = new AtomicInteger();
		assertThat(this.rooms.join(alice, "dev", 1, firsts::incrementAndGet)).isTrue();

		assertThat(this.rooms.join(bob, "dev", 1, firsts::incrementAndGet)).isFalse();

		assertThat(firsts).hasValue(1);
		assertThat(this.rooms.members("dev")).containsExactly(alice);
		assertThat(this.rooms.join(alice, "dev", 1, firsts::incrementAndGet)).as("a member joining again").isTrue();
	}

	@Test
	void theFirstMemberOfARoomPeopleMakeIsItsOperatorButNobodyIsInTheDefaultRoom() {
		ClientSession alice = session();
		ClientSession bob = session();
		this.rooms.join(alice, "dev");
		this.rooms.join(bob, "dev");
		this.rooms.join(alice, "lobby");

		assertThat(this.rooms.isOperator(alice, "dev")).isTrue();
		assertThat(this.rooms.isOperator(bob, "dev")).isFalse();
		assertThat(this.rooms.isOperator(alice, "lobby")).isFalse();

		this.rooms.leave(alice, "dev");
		assertThat(this.rooms.isOperator(alice, "dev")).as("not once it left").isFalse();
	}

	@Test
	void aLineClientStartsInTheDefaultRoomAndJoinMovesItSoTheCountsFollow() {
		Client alice = this.fixture.join("alice");
		Client bob = this.fixture.join("bob");

		alice.send("/join dev");

		assertThat(alice.take()).containsExactly("* you are now in room dev");
		assertThat(alice.session().membership().all()).containsExactly("dev");
		bob.send("/rooms");
		assertThat(bob.take()).containsExactly("* rooms: dev (1), lobby (1)");
	}

	@Test
	void roomNamesIgnoreCaseAndAreShownInLowerCase() {
		Client alice = this.fixture.join("alice");
		Client bob = this.fixture.join("bob");

		alice.send("/join Dev");
		bob.send("/join DEV");

		assertThat(alice.take()).containsExactly("* you are now in room dev");
		assertThat(bob.take()).containsExactly("* you are now in room dev");
		bob.send("/who");
		assertThat(bob.take()).containsExactly("* in dev: alice, bob");
		assertThat(RoomNames.canonical("Dev.Ops-1")).isEqualTo("dev.ops-1");
	}

	@Test
	void aRoomIsNoLongerListedOnceItsLastMemberDisconnects() {
		Client alice = this.fixture.join("alice");
		Client bob = this.fixture.join("bob");
		alice.send("/join dev");

		alice.leave();

		bob.send("/rooms");
		assertThat(bob.take()).containsExactly("* rooms: lobby (1)");
		assertThat(this.fixture.hub.rooms()).extracting(RoomSummary::name).doesNotContain("dev");
	}

	@Test
	void withSeveralRoomsAClientIsInAtMostMaxRooms() {
		HubFixture multi = HubFixture
			.with(Map.of("switchboard.line.multi-room", "true", "switchboard.client.max-rooms", "2"));
		Client alice = multi.join("alice");

		alice.send("/join dev");
		alice.send("/join ops");

		assertThat(alice.take()).containsExactly("* you are now in room dev",
				"ERR you are in 2 rooms, the most allowed (switchboard.client.max-rooms); /part one first");
		assertThat(alice.session().membership().all()).containsExactly("lobby", "dev");
		assertThat(alice.session().room()).as("it writes to the room it joined last").isEqualTo("dev");
	}

	@Test
	void partingOneOfSeveralRoomsWritesToTheOneJoinedMostRecentlyAndTheLastCannotBeLeft() {
		HubFixture multi = HubFixture.with(Map.of("switchboard.line.multi-room", "true"));
		Client alice = multi.join("alice");
		alice.send("/join dev");
		alice.send("/join ops");
		alice.take();

		alice.send("/part ops");
		alice.send("/part dev");
		alice.send("/part lobby");

		assertThat(alice.take()).containsExactly("* you left room ops; you write to dev",
				"* you left room dev; you write to lobby", "ERR you cannot leave your only room; /join another first");
		assertThat(alice.session().membership().all()).containsExactly("lobby");
	}

	@Test
	void aMembershipReplacedByAMoveIsInOneRoom() {
		RoomMembership membership = new RoomMembership("lobby");
		membership.add("dev");
		membership.add("ops");

		assertThat(membership.remove("nowhere")).isFalse();
		membership.moveTo("zoo");

		assertThat(membership.all()).containsExactly("zoo");
		assertThat(membership.current()).isEqualTo("zoo");
		assertThat(membership.remove("zoo")).as("its only room").isFalse();
		assertThat(membership.remove("zoo", true)).isTrue();
		assertThat(membership.all()).isEmpty();
	}

	@Test
	void aFanOutOfJoinsAndLeavesVisitsOnlyTheMembersWhoseDialectWantsThem() {
		ClientSession lineClient = session();
		ClientSession ircLike = presenceWantingSession();
		ClientSession leaving = presenceWantingSession();
		this.rooms.join(lineClient, "dev");
		this.rooms.join(ircLike, "dev");
		this.rooms.join(leaving, "dev");
		this.rooms.leave(leaving, "dev");
		List<ClientSession> visited = new ArrayList<>();

		int reached = this.rooms.fanOut("dev", true, () -> true, () -> (member) -> {
		}, visited::add);

		assertThat(visited).containsExactly(ircLike);
		assertThat(reached).isEqualTo(1);
		visited.clear();
		assertThat(this.rooms.fanOut("dev", false, () -> true, () -> (member) -> {
		}, visited::add)).as("everyone, for a chat line").isEqualTo(2);
		assertThat(visited).containsExactlyInAnyOrder(lineClient, ircLike);
	}

	private ClientSession session() {
		return this.fixture.join().session();
	}

	private ClientSession presenceWantingSession() {
		Dialect lines = this.fixture.hub.lineDialect();
		return this.fixture.connect(this.fixture.nextAddress(), new Dialect() {
			@Override
			public OutboundLine render(Event event) {
				return lines.render(event);
			}

			@Override
			public boolean wantsPresence() {
				return true;
			}
		}).session();
	}

}
