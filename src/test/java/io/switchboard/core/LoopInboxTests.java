package io.switchboard.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Outboxes on an event loop: everything for them goes through the loop's inbox, in order,
 * and the write linger coalesces what a client is sent soon after a write. The "loops"
 * are single-thread schedulers, as an event loop is one.
 */
class LoopInboxTests {

	private static final long NO_LIMIT = Long.MAX_VALUE / 4;

	private final List<ScheduledExecutorService> loops = new ArrayList<>();

	@AfterEach
	void stopLoops() throws InterruptedException {
		for (ScheduledExecutorService loop : this.loops) {
			loop.shutdownNow();
			loop.awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	@Test
	void aClientSentAStreamIsWrittenOnceALingerWithEverythingSentMeanwhile() {
		Recording client = new Recording(inbox());
		ClientOutbox outbox = outbox(client, Duration.ofSeconds(1));
		try (DeliveryBatch batch = DeliveryBatch.open()) {
			outbox.offer(line("one"));
			outbox.offer(line("two"));
		}
		await().until(() -> client.writes.size() == 1);

		outbox.offer(line("three"));
		outbox.offer(line("four"));

		await().until(() -> client.writes.size() == 2);
		assertThat(client.writes).containsExactly(List.of("one", "two"), List.of("three", "four"));
	}

	@Test
	void aClientWrittenOneLineAtATimeIsNotHeldBack() {
		// A linger of an hour: a write that waited for it would never come. A client in
		// step with its own replies gets one line per write.
		Recording client = new Recording(inbox());
		ClientOutbox outbox = outbox(client, Duration.ofHours(1));

		outbox.offer(line("first"));
		await().atMost(Duration.ofSeconds(10)).until(() -> client.writes.size() == 1);
		outbox.offer(line("second"));

		await().atMost(Duration.ofSeconds(10)).until(() -> client.writes.size() == 2);
		assertThat(client.writes).containsExactly(List.of("first"), List.of("second"));
	}

	@Test
	void withNoLingerALineRightAfterAStreamIsWrittenWithoutWaiting() {
		Recording client = new Recording(inbox());
		ClientOutbox outbox = outbox(client, Duration.ZERO);
		try (DeliveryBatch batch = DeliveryBatch.open()) {
			outbox.offer(line("one"));
			outbox.offer(line("two"));
		}
		await().until(() -> client.writes.size() == 1);

		outbox.offer(line("three"));

		await().atMost(Duration.ofSeconds(10)).until(() -> client.lines().size() == 3);
		assertThat(client.lines()).containsExactly("one", "two", "three");
	}

	@Test
	void aCloseWaitsForWhatWasHandedToTheLoopBeforeItAndRefusesWhatComesAfter() {
		Recording client = new Recording(inbox());
		ClientOutbox outbox = outbox(client, Duration.ofMillis(1));
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			expected.add("line " + i);
			assertThat(outbox.offer(line("line " + i))).isTrue();
		}
		CountDownLatch closed = new CountDownLatch(1);

		outbox.closeThen(false, line("bye"), closed::countDown);

		assertThat(outbox.offer(line("too late"))).isFalse();
		await().until(() -> closed.getCount() == 0);
		expected.add("bye");
		assertThat(client.lines()).containsExactlyElementsOf(expected);
	}

	@Test
	void fanOutsUnderARoomLockReachEveryMemberOnEveryLoopInTheSameOrder() throws InterruptedException {
		LoopInbox first = inbox();
		LoopInbox second = inbox();
		List<Recording> members = List.of(new Recording(first), new Recording(second), new Recording(first),
				new Recording(second));
		List<ClientOutbox> outboxes = members.stream().map((member) -> outbox(member, Duration.ofMillis(1))).toList();
		ReentrantLock room = new ReentrantLock();
		int perSender = 500;
		List<Thread> senders = new ArrayList<>();
		for (String sender : List.of("a", "b", "c")) {
			senders.add(Thread.ofPlatform().start(() -> {
				for (int i = 0; i < perSender; i++) {
					OutboundLine said = line(sender + i);
					room.lock();
					try (DeliveryBatch batch = DeliveryBatch.open()) {
						outboxes.forEach((outbox) -> outbox.offer(said));
					}
					finally {
						room.unlock();
					}
				}
			}));
		}
		for (Thread sender : senders) {
			sender.join();
		}

		await().until(() -> members.stream().allMatch((member) -> member.lines().size() == 3 * perSender));
		List<String> order = members.getFirst().lines();
		for (Recording member : members) {
			assertThat(member.lines()).as("every member sees the room's one order").isEqualTo(order);
		}
	}

	@Test
	void anEntryTakenButNotYetAppliedStillCountsAsWaiting() throws InterruptedException {
		// What the graceful shutdown's "drained" relies on.
		LoopInbox inbox = inbox();
		CountDownLatch applying = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		inbox.add(() -> {
			applying.countDown();
			await().until(() -> release.getCount() == 0);
		});
		assertThat(applying.await(10, TimeUnit.SECONDS)).isTrue();

		assertThat(inbox.isEmpty()).isFalse();
		release.countDown();
		await().until(inbox::isEmpty);
	}

	@Test
	void aRunAppliesABoundedShareAndLeavesTheRestForAfterTheLoopsOtherTasks() throws InterruptedException {
		ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
		this.loops.add(loop);
		LoopInbox inbox = new LoopInbox(loop);
		CountDownLatch blocked = new CountDownLatch(1);
		loop.execute(() -> await().until(() -> blocked.getCount() == 0));
		int added = 4 * LoopInbox.ENTRIES_PER_RUN;
		AtomicInteger applied = new AtomicInteger();
		for (int i = 0; i < added; i++) {
			inbox.add(applied::incrementAndGet);
		}
		AtomicInteger appliedWhenOtherTaskRan = new AtomicInteger(-1);
		loop.execute(() -> appliedWhenOtherTaskRan.set(applied.get()));

		blocked.countDown();

		await().until(() -> applied.get() == added);
		assertThat(appliedWhenOtherTaskRan.get()).as("a task queued behind the first run ran before the rest")
			.isEqualTo(LoopInbox.ENTRIES_PER_RUN);
		await().until(inbox::isEmpty);
	}

	@Test
	void aRoomsLineGoesToAnIdleMembersSocketAsTheLoopReachesIt() {
		LoopInbox inbox = inbox();
		Recording first = new Recording(inbox);
		Recording second = new Recording(inbox);
		ClientOutbox firstOutbox = outbox(first, Duration.ofMillis(1));
		ClientOutbox secondOutbox = outbox(second, Duration.ofMillis(1));
		List<Integer> writtenBeforeTheNextMember = new CopyOnWriteArrayList<>();

		inbox.add(() -> {
			firstOutbox.offerOnLoop(line("hello"));
			writtenBeforeTheNextMember.add(first.writes.size());
			secondOutbox.offerOnLoop(line("hello"));
		});

		await().until(() -> second.writes.size() == 1);
		assertThat(writtenBeforeTheNextMember).containsExactly(1);
		assertThat(first.writes).containsExactly(List.of("hello"));
	}

	@Test
	void aMemberBehindOnSeveralLinesOfARoomGetsThemInOneWrite() {
		ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
		this.loops.add(loop);
		LoopInbox inbox = new LoopInbox(loop);
		Recording member = new Recording(inbox);
		ClientOutbox outbox = outbox(member, Duration.ofMillis(1));
		CountDownLatch blocked = new CountDownLatch(1);
		loop.execute(() -> await().until(() -> blocked.getCount() == 0));
		for (String said : List.of("one", "two", "three")) {
			inbox.add(() -> outbox.offerOnLoop(line(said)));
		}

		blocked.countDown();

		await().until(() -> member.lines().size() == 3);
		assertThat(member.writes).as("the lines waited behind each other: one write")
			.containsExactly(List.of("one", "two", "three"));
	}

	private LoopInbox inbox() {
		ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
		this.loops.add(loop);
		return new LoopInbox(loop);
	}

	private static ClientOutbox outbox(Recording client, Duration linger) {
		return new ClientOutbox(NO_LIMIT, NO_LIMIT, linger.toNanos(), OutboxBudget.unlimited().open(null),
				Runnable::run, client, new OutboxListener() {

					@Override
					public void written(List<OutboundLine> lines, int bytes) {
					}

					@Override
					public void overflowed(OutboundLine rejected) {
						throw new AssertionError("no limit in these tests");
					}

					@Override
					public void writeFailed(Exception ex) {
						throw new AssertionError(ex);
					}

				});
	}

	private static OutboundLine line(String text) {
		return new OutboundLine((text + "\n").getBytes(StandardCharsets.US_ASCII), 0);
	}

	/** A client on a loop that records its writes, each as its lines. */
	private static final class Recording implements ClientTransport {

		private final LoopInbox loop;

		final List<List<String>> writes = new CopyOnWriteArrayList<>();

		Recording(LoopInbox loop) {
			this.loop = loop;
		}

		List<String> lines() {
			return this.writes.stream().flatMap(List::stream).toList();
		}

		@Override
		public void write(List<OutboundLine> lines) {
			this.writes.add(
					lines.stream().map((line) -> new String(line.bytes(), StandardCharsets.US_ASCII).strip()).toList());
		}

		@Override
		public void closeGracefully() {
		}

		@Override
		public void abort() {
		}

		@Override
		public @Nullable LoopInbox drainLoop() {
			return this.loop;
		}

	}

}
