package io.switchboard.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.switchboard.core.HubFixture.Client;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fan-out, without Spring or sockets: a chat line through the hub reaches the room's
 * other members once each, rendered once per dialect among them.
 */
class RoomRelayTests {

	@Test
	void aLineReachesEveryOtherMemberOfTheRoomOnceAndNobodyElse() {
		HubFixture fixture = HubFixture.with(Map.of("switchboard.echo-to-sender", "false"));
		Client alice = fixture.join("alice");
		Client bob = fixture.join("bob");
		Client carol = fixture.join("carol");
		Client dave = fixture.join("dave");
		dave.send("/join dev");
		dave.take();

		alice.send("hello");

		assertThat(bob.take()).containsExactly("alice hello");
		assertThat(carol.take()).containsExactly("alice hello");
		assertThat(alice.take()).as("the sender, echo off").isEmpty();
		assertThat(dave.take()).as("another room").isEmpty();
	}

	@Test
	void theSenderGetsItsOwnLineBackOnceWhenEchoIsOn() {
		HubFixture fixture = HubFixture.withDefaults();
		assertThat(fixture.chat.echoToSender()).as("the default").isTrue();
		Client alice = fixture.join("alice");
		Client bob = fixture.join("bob");

		alice.send("hello");

		assertThat(alice.take()).containsExactly("alice hello");
		assertThat(bob.take()).containsExactly("alice hello");
	}

	@Test
	void linesReachEachMemberInTheOrderTheyWereSentWithIdsInThatOrder() {
		HubFixture fixture = HubFixture.withDefaults();
		Client alice = fixture.join("alice");
		Client bob = fixture.join("bob");
		List<String> sent = new ArrayList<>();

		for (int i = 1; i <= 10; i++) {
			Client sender = (i % 2 == 0) ? alice : bob;
			sender.send("line " + i);
			sent.add(((i % 2 == 0) ? "alice" : "bob") + " line " + i);
		}

		assertThat(alice.take()).containsExactlyElementsOf(sent);
		assertThat(bob.take()).containsExactlyElementsOf(sent);
		List<Long> seqs = fixture.hub.history("lobby", 10)
			.stream()
			.map((chat) -> ChatIds.parse(chat.id()).seq())
			.toList();
		assertThat(seqs).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
	}

	@Test
	void aLineTheClusterCouldNotTakeReachesThisNodesMembersAndItsSenderIsTold() {
		CompletableFuture<String> refused = CompletableFuture.failedFuture(new IllegalStateException("gone"));
		List<String> opened = new ArrayList<>();
		HubFixture fixture = HubFixture.inCluster(new ClusterBridge() {

			@Override
			public CompletionStage<String> publishChat(String room, String excludedId, Event.Chat chat,
					Supplier<String> tagIfNew) {
				return refused;
			}

			@Override
			public void roomOpened(String room) {
				opened.add(room);
			}

		});
		Client alice = fixture.join("alice");
		Client bob = fixture.join("bob");
		bob.send("/join dev");
		bob.take();

		alice.send("/join dev");
		alice.take();
		alice.send("hello");

		assertThat(bob.take()).containsExactly("alice hello");
		assertThat(alice.take()).containsExactly("alice hello",
				"ERR the cluster is unreachable: only this node's members got your line");
		assertThat(opened).as("the default room, then dev once").containsExactly("lobby", "dev");
	}

	@Test
	void aLineIsRenderedOncePerDialectAndItsMembersShareTheBytes() {
		HubFixture fixture = HubFixture.withDefaults();
		Counting counting = new Counting(fixture.hub.lineDialect());
		Client alice = fixture.join("alice");
		Client plain = fixture.join("plain");
		Client bob = member(fixture, counting, "bob");
		Client carol = member(fixture, counting, "carol");
		Client dave = member(fixture, counting, "dave");
		counting.chats.set(0);

		alice.send("hello");

		assertThat(counting.chats).as("three members in one dialect").hasValue(1);
		OutboundLine bobs = bob.wire.written().getLast();
		assertThat(carol.wire.written().getLast()).isSameAs(bobs);
		assertThat(dave.wire.written().getLast()).isSameAs(bobs);
		assertThat(plain.wire.written().getLast()).as("the line dialect's own rendering")
			.isNotSameAs(bobs)
			.isSameAs(alice.wire.written().getLast());
		assertThat(bob.take()).containsExactly("alice hello");
	}

	@Test
	void aRenderedEventRendersInTheDialectThatBroadcastsForTheReceiver() {
		HubFixture fixture = HubFixture.withDefaults();
		Counting shared = new Counting(fixture.hub.lineDialect());
		Dialect perClient = new Dialect() {

			@Override
			public OutboundLine render(Event event) {
				throw new AssertionError("a broadcast is rendered by forBroadcast()");
			}

			@Override
			public Dialect forBroadcast() {
				return shared;
			}

		};
		RenderedEvent rendered = new RenderedEvent(new Event.Chat("", "lobby", "alice", "hi", Instant.now(), 0));

		OutboundLine first = rendered.in(perClient);
		OutboundLine second = rendered.in(shared);

		assertThat(second).isSameAs(first);
		assertThat(shared.chats).hasValue(1);
		assertThat(HubFixture.Wire.text(first)).isEqualTo("alice hi");
	}

	@Test
	void aReadOnlyRoomRefusesItsMembersLines() {
		HubFixture fixture = HubFixture.with(Map.of("switchboard.rooms.policies[0].pattern", "news",
				"switchboard.rooms.policies[0].read-only", "true"));
		Client alice = fixture.join("alice");
		Client bob = fixture.join("bob");
		alice.send("/join news");
		bob.send("/join news");
		alice.take();
		bob.take();

		alice.send("extra extra");

		assertThat(alice.take()).containsExactly("ERR room news is read-only");
		assertThat(bob.take()).isEmpty();
		assertThat(fixture.hub.history("news", 10)).isEmpty();
		bob.send("/join lobby");
		bob.send("lobby is open");
		assertThat(bob.take()).containsExactly("* you are now in room lobby", "bob lobby is open");
	}

	@Test
	void aLineForARoomTheSenderIsNotInIsRefused() {
		HubFixture fixture = HubFixture.withDefaults();
		Client alice = fixture.join("alice");
		Client bob = fixture.join("bob");
		bob.send("/join dev");
		bob.take();

		fixture.hub.receive(alice.session(), "hi dev".getBytes(), System.nanoTime(), "dev");

		assertThat(alice.take()).containsExactly("ERR you are not in room dev (/join it first)");
		assertThat(bob.take()).isEmpty();
	}

	@Test
	void inSeveralRoomsALineGoesToTheRoomItIsFor() {
		HubFixture fixture = HubFixture.with(Map.of("switchboard.line.multi-room", "true",
				"switchboard.line.multi-room-format", "#{room} {from} {text}"));
		Client alice = fixture.join("alice");
		Client bob = fixture.join("bob");
		Client carol = fixture.join("carol");
		alice.send("/join dev");
		carol.send("/join dev");
		carol.send("/part lobby");
		alice.take();
		carol.take();

		fixture.hub.receive(alice.session(), "to the lobby".getBytes(), System.nanoTime(), "lobby");
		alice.send("to dev, where it writes");

		assertThat(bob.take()).containsExactly("#lobby alice to the lobby");
		assertThat(carol.take()).containsExactly("#dev alice to dev, where it writes");
		assertThat(alice.take()).containsExactly("#lobby alice to the lobby", "#dev alice to dev, where it writes");
	}

	@Test
	void withPresenceAnnouncedARoomSeesMembersComeRenameAndGo() {
		HubFixture fixture = HubFixture.with(Map.of("switchboard.announce-presence", "true"));
		Client alice = fixture.join("alice");
		Client bob = fixture.join();
		String bobsAddress = bob.session().remoteAddress();

		bob.send("/nick bob");
		bob.leave();

		assertThat(alice.take()).containsExactly("* " + bobsAddress + " joined",
				"* " + bobsAddress + " is now known as bob", "* bob left");
	}

	@Test
	void withoutPresenceAnnouncedNobodySeesMembersComeOrGo() {
		HubFixture fixture = HubFixture.withDefaults();
		Client alice = fixture.join("alice");

		Client bob = fixture.join("bob");
		bob.leave();

		assertThat(alice.take()).isEmpty();
	}

	@Test
	void onceTheServerStopsAcceptingTheShutdownNoticeIsEachMembersLastLine() {
		HubFixture fixture = HubFixture.withDefaults();
		Client alice = fixture.join("alice");
		Client bob = fixture.join("bob");
		bob.send("/join dev");
		bob.take();

		fixture.hub.stopAccepting();
		alice.send("anyone?");
		fixture.hub.deliverRelayed("lobby", null, new Event.Chat("", "lobby", "[news]", "late", Instant.now(), 0));

		assertThat(alice.take()).containsExactly("* server shutting down");
		assertThat(bob.take()).containsExactly("* server shutting down");
	}

	private static Client member(HubFixture fixture, Dialect dialect, String nick) {
		Client client = fixture.connect(fixture.nextAddress(), dialect);
		client.send("/nick " + nick);
		client.take();
		return client;
	}

	/**
	 * A dialect that renders as another and counts the chat lines it renders.
	 */
	private static final class Counting implements Dialect {

		private final Dialect rendering;

		final AtomicInteger chats = new AtomicInteger();

		Counting(Dialect rendering) {
			this.rendering = rendering;
		}

		@Override
		public OutboundLine render(Event event) {
			if (event instanceof Event.Chat) {
				this.chats.incrementAndGet();
			}
			return this.rendering.render(event);
		}

	}

}
