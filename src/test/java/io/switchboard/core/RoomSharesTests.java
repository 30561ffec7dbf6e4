package io.switchboard.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.switchboard.core.HubFixture.Client;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A room's fan-out hands each event loop its share of the members as one entry, walked on
 * that loop; members on no loop are served on the sender's thread. The "loops" are
 * single-thread schedulers, as an event loop is one.
 */
class RoomSharesTests {

	private final List<ScheduledExecutorService> loops = new ArrayList<>();

	// Flood control off: the senders send as fast as they can
	private final HubFixture fixture = HubFixture
		.with(Map.of("switchboard.client.rate", "0", "switchboard.client.byte-rate", "0"));

	@AfterEach
	void stopLoops() throws InterruptedException {
		for (ScheduledExecutorService loop : this.loops) {
			loop.shutdownNow();
			loop.awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	@Test
	void onceTheMembersSettledEachLoopWalksItsOwnAndMembersOnNoLoopAreServedByTheSender() {
		Rooms rooms = new Rooms("lobby", (room) -> {
		}, (room) -> {
		}, (room) -> false, (room, identity) -> false, 1);
		LoopInbox first = inbox();
		LoopInbox second = inbox();
		List<ClientSession> onFirst = List.of(session(first), session(first));
		List<ClientSession> onSecond = List.of(session(second));
		ClientSession elsewhere = this.fixture.join().session();
		List<ClientSession> all = new ArrayList<>(onFirst);
		all.addAll(onSecond);
		all.add(elsewhere);
		all.forEach((member) -> rooms.join(member, "dev"));
		Map<ClientSession, Thread> visitedOn = new ConcurrentHashMap<>();
		Runnable fanOut = () -> assertThat(
				rooms.fanOut("dev", () -> true, () -> (member) -> visitedOn.put(member, Thread.currentThread()),
						(member) -> visitedOn.put(member, Thread.currentThread())))
			.isEqualTo(4);

		fanOut.run();
		assertThat(visitedOn).as("the members changed since the last fan-out: walked here")
			.hasSize(4)
			.allSatisfy((member, thread) -> assertThat(thread).isSameAs(Thread.currentThread()));
		visitedOn.clear();
		fanOut.run();

		await().until(() -> visitedOn.size() == 4);
		assertThat(visitedOn.get(elsewhere)).isSameAs(Thread.currentThread());
		assertThat(visitedOn.get(onFirst.get(0))).isSameAs(visitedOn.get(onFirst.get(1)))
			.isNotSameAs(Thread.currentThread())
			.isNotSameAs(visitedOn.get(onSecond.get(0)));
	}

	@Test
	void linesOfSeveralSendersReachEveryMemberOnEveryLoopInTheRoomsOneOrder() throws InterruptedException {
		LoopInbox first = inbox();
		LoopInbox second = inbox();
		List<Client> members = List.of(this.fixture.joinOnLoop(first), this.fixture.joinOnLoop(second),
				this.fixture.joinOnLoop(first), this.fixture.joinOnLoop(second), this.fixture.join());
		int perSender = 200;
		List<Thread> senders = new ArrayList<>();
		for (Client sender : members.subList(0, 3)) {
			senders.add(Thread.ofPlatform().start(() -> {
				for (int i = 0; i < perSender; i++) {
					sender.send("line " + i);
				}
			}));
		}
		for (Thread sender : senders) {
			sender.join();
		}

		await().until(() -> members.stream().allMatch((member) -> said(member).size() == 3 * perSender));
		List<String> order = said(members.getFirst());
		for (Client member : members) {
			assertThat(said(member)).as("every member sees the room's one order").isEqualTo(order);
		}
	}

	@Test
	void aMemberWhoLeftGetsNoMoreLinesAndOneWhoJoinedGetsTheNext() {
		LoopInbox loop = inbox();
		Client alice = this.fixture.joinOnLoop(loop);
		Client bob = this.fixture.joinOnLoop(loop);
		alice.send("first");
		await().until(() -> said(bob).size() == 1);

		bob.leave();
		Client carol = this.fixture.joinOnLoop(loop);
		alice.send("second");

		await().until(() -> said(carol).size() == 1);
		await().until(() -> said(alice).size() == 2);
		assertThat(said(bob)).hasSize(1);
		assertThat(said(carol).getFirst()).endsWith("second");
	}

	@Test
	void aStuckMemberOfABigRoomIsCutByItsLimitWhileTheOthersGetEveryLineInOrder() {
		HubFixture big = HubFixture.with(Map.of("switchboard.client.rate", "0", "switchboard.client.byte-rate", "0",
				"switchboard.client.outbox-bytes", "2KB", "switchboard.client.outbox-hard-bytes", "2KB"));
		List<LoopInbox> inboxes = List.of(inbox(), inbox());
		List<Client> members = new ArrayList<>();
		for (int i = 0; i < Rooms.SHARES_FROM_MEMBERS + 44; i++) {
			members.add(big.joinOnLoop(inboxes.get(i % 2)));
		}
		Client sender = members.getFirst();
		Client stuck = members.get(7);
		stuck.wire.hold(); // a full socket that never drains
		int lines = 100; // 100 lines of about 80 bytes: four times the stuck one's limit
		List<String> expected = new ArrayList<>();

		for (int i = 0; i < lines; i++) {
			// Paced, ten at a time: the others keep up (a burst of all 100 at once is
			// past
			// the limit of anyone whose loop has not run yet), the stuck one falls
			// behind.
			int sent = i;
			if (sent % 10 == 0) {
				await().pollInterval(Duration.ofMillis(2)).until(() -> said(members.getLast()).size() >= sent);
			}
			sender.send("line " + i + " " + "x".repeat(40));
			expected.add("line " + i + " " + "x".repeat(40));
		}

		await().until(() -> stuck.session().closeReason() == CloseReason.SLOW_CONSUMER);
		List<Client> others = members.stream().filter((member) -> member != stuck).toList();
		await().until(() -> others.stream().allMatch((member) -> said(member).size() == lines));
		for (Client member : members) {
			if (member != stuck) {
				assertThat(said(member)).as("every line, in the room's order")
					.map((line) -> line.substring(line.indexOf("line ")))
					.containsExactlyElementsOf(expected);
				assertThat(member.session().isClosing()).isFalse();
			}
		}
		assertThat(said(stuck)).as("nothing got past its full socket").isEmpty();
	}

	private ClientSession session(LoopInbox loop) {
		return this.fixture.joinOnLoop(loop).session();
	}

	/** The chat lines a client was written (not its greeting). */
	private static List<String> said(Client client) {
		return client.lines()
			.stream()
			.filter((line) -> line.contains("line ") || line.endsWith("first") || line.endsWith("second"))
			.toList();
	}

	private LoopInbox inbox() {
		ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
		this.loops.add(loop);
		return new LoopInbox(loop);
	}

}
