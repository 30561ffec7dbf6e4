package io.switchboard.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.core.HubFixture.Wire;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client's outbox on its own, drained by hand: lines in order, its soft and hard
 * limits, its share of the output budget, and its close. No Spring, no sockets, no
 * threads: the drain runs when the test runs the executor's tasks.
 */
class ClientOutboxTests {

	private final Drains drains = new Drains();

	private final Wire wire = new Wire();

	private final Events events = new Events();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final SwitchboardMetrics metrics = new SwitchboardMetrics(this.meters);

	@Test
	void linesAreWrittenInTheOrderQueuedByOneDrainOnceItRuns() {
		ClientOutbox outbox = outbox(1000, 2000, OutboxBudget.unlimited().open(null));

		assertThat(outbox.offer(line("one"))).isTrue();
		assertThat(outbox.offer(line("two"))).isTrue();
		assertThat(outbox.offer(line("three"))).isTrue();

		assertThat(this.drains.pending()).as("one drain for all three").isEqualTo(1);
		assertThat(this.wire.writes()).isZero();
		assertThat(outbox.queuedBytes()).isEqualTo(4 + 4 + 6);
		assertThat(outbox.isIdle()).isFalse();
		this.drains.runAll();
		assertThat(this.wire.lines()).containsExactly("one", "two", "three");
		assertThat(this.wire.writes()).as("coalesced").isEqualTo(1);
		assertThat(this.events.written).containsExactly(14);
		assertThat(outbox.queuedBytes()).isZero();
		assertThat(outbox.isIdle()).isTrue();
	}

	@Test
	void aLineOfferedAfterADrainEndedStartsAnother() {
		ClientOutbox outbox = outbox(1000, 2000, OutboxBudget.unlimited().open(null));
		outbox.offer(line("one"));
		this.drains.runAll();

		outbox.offer(line("two"));

		assertThat(this.drains.pending()).isEqualTo(1);
		this.drains.runAll();
		assertThat(this.wire.lines()).containsExactly("one", "two");
	}

	@Test
	void aLinePastTheHardLimitIsRefusedAndReportedAndTheRestStaysQueued() {
		ClientOutbox outbox = outbox(10, 20, OutboxBudget.unlimited().open(null));
		OutboundLine first = line("1234567");
		OutboundLine second = line("abcdefg");
		OutboundLine third = line("ABCDEFG");

		assertThat(outbox.offer(first)).isTrue();
		assertThat(outbox.offer(second)).isTrue();
		assertThat(outbox.offer(third)).isFalse();

		assertThat(this.events.overflowed).containsExactly(third);
		assertThat(outbox.queuedBytes()).isEqualTo(16);
		assertThat(outbox.refusedByBudget()).isFalse();
		this.drains.runAll();
		assertThat(this.wire.lines()).containsExactly("1234567", "abcdefg");
	}

	@Test
	void aboveTheSoftLimitIsTimedFromWhenItWentAboveUntilItDrainsBelow() {
		ClientOutbox outbox = outbox(10, 100, OutboxBudget.unlimited().open(null));
		outbox.offer(line("1234567"));
		long later = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		assertThat(outbox.overSoftLimitNanos(later)).as("8 bytes, under 10").isZero();

		outbox.offer(line("abcdefg"));

		assertThat(outbox.overSoftLimitNanos(later)).as("16 bytes, over 10").isPositive();
		assertThat(this.events.overflowed).as("the soft limit refuses nothing").isEmpty();
		this.drains.runAll();
		assertThat(outbox.overSoftLimitNanos(later)).isZero();
	}

	@Test
	void theBudgetIsTakenInChunksAndGivenBackAsTheOutboxDrainsAndGoesIdle() {
		OutboxBudget budget = new OutboxBudget(1 << 20, 1 << 20, Runnable::run, this.metrics);
		OutboxBudget.Account account = budget.open("10.0.0.1");
		ClientOutbox outbox = outbox(1 << 20, 1 << 20, account);

		for (int i = 0; i < 5; i++) {
			outbox.offer(new OutboundLine(new byte[4096], 0));
		}

		assertThat(budget.used()).as("20 KiB held, in 8 KiB chunks").isEqualTo(3 * OutboxBudget.CHUNK);
		assertThat(account.used()).isEqualTo(3 * OutboxBudget.CHUNK);
		this.drains.runAll();
		assertThat(budget.used()).as("a spare chunk kept while it drains").isEqualTo(OutboxBudget.CHUNK);
		outbox.releaseIfIdle();
		assertThat(budget.used()).isZero();
		assertThat(account.used()).isZero();
	}

	@Test
	void anOutboxHoldingMoreThanAChunkIsRefusedALinePastItsAddresssBudget() {
		OutboxBudget budget = new OutboxBudget(1 << 20, 2 * OutboxBudget.CHUNK, Runnable::run, this.metrics);
		ClientOutbox outbox = outbox(1 << 20, 1 << 20, budget.open("10.0.0.1"));
		for (int i = 0; i < 4; i++) {
			assertThat(outbox.offer(new OutboundLine(new byte[4096], 0))).isTrue();
		}

		OutboundLine over = new OutboundLine(new byte[4096], 0);
		assertThat(outbox.offer(over)).isFalse();

		assertThat(outbox.refusedByBudget()).isTrue();
		assertThat(this.events.overflowed).containsExactly(over);
		assertThat(budget.used()).isEqualTo(2 * OutboxBudget.CHUNK);
		assertThat(outbox.queuedBytes()).isEqualTo(4 * 4096);
	}

	@Test
	void aClosedOutboxRefusesLinesAndRunsItsActionOnceAfterItsLastLine() {
		ClientOutbox outbox = outbox(1000, 2000, OutboxBudget.unlimited().open(null));
		AtomicInteger closes = new AtomicInteger();
		outbox.offer(line("one"));
		outbox.offer(line("two"));

		outbox.closeThen(false, line("bye"), closes::incrementAndGet);
		outbox.closeThen(false, line("bye again"), closes::incrementAndGet);

		assertThat(outbox.offer(line("too late"))).isFalse();
		assertThat(closes).as("not before its lines are written").hasValue(0);
		this.drains.runAll();
		assertThat(this.wire.lines()).containsExactly("one", "two", "bye");
		assertThat(closes).hasValue(1);
		assertThat(outbox.offer(line("later still"))).isFalse();
	}

	@Test
	void aCloseThatDiscardsDropsTheBacklogButStillSendsTheLastLine() {
		ClientOutbox outbox = outbox(1000, 20, OutboxBudget.unlimited().open(null));
		outbox.offer(line("1234567"));
		outbox.offer(line("abcdefg"));

		outbox.closeThen(true, line("a goodbye longer than the hard limit"), () -> {
		});

		this.drains.runAll();
		assertThat(this.wire.lines()).containsExactly("a goodbye longer than the hard limit");
		assertThat(outbox.queuedBytes()).isZero();
	}

	@Test
	void aFailedWriteClosesTheOutboxAndDropsWhatItHeld() {
		OutboxBudget budget = new OutboxBudget(1 << 20, 1 << 20, Runnable::run, this.metrics);
		ClientOutbox outbox = outbox(1000, 2000, budget.open("10.0.0.1"));
		this.wire.fail();
		outbox.offer(line("one"));

		this.drains.runAll();

		assertThat(this.events.failures).hasSize(1);
		assertThat(outbox.offer(line("two"))).isFalse();
		assertThat(outbox.queuedBytes()).isZero();
		assertThat(budget.used()).as("its budget given back").isZero();
	}

	@Test
	void aTransportThatTakesNothingKeepsTheLinesInOrderUntilItResumesTheDrain() {
		ClientOutbox outbox = outbox(1000, 2000, OutboxBudget.unlimited().open(null));
		this.wire.hold();
		outbox.offer(line("one"));
		outbox.offer(line("two"));
		this.drains.runAll();
		assertThat(this.wire.writes()).isZero();
		assertThat(outbox.writeBlockedNanos(System.nanoTime() + 1)).as("counts as a blocked write").isPositive();

		outbox.offer(line("three"));
		this.drains.runAll();
		this.wire.release();
		this.drains.runAll();

		assertThat(this.wire.lines()).containsExactly("one", "two", "three");
		assertThat(outbox.writeBlockedNanos(System.nanoTime())).isZero();
		assertThat(outbox.isIdle()).isTrue();
	}

	@Test
	void aBacklogIsWrittenInWritesOfAtMost64KiB() {
		ClientOutbox outbox = outbox(1 << 20, 1 << 20, OutboxBudget.unlimited().open(null));
		for (int i = 0; i < 3; i++) {
			outbox.offer(new OutboundLine(new byte[30 * 1024], 0));
		}

		this.drains.runAll();

		assertThat(this.events.written).containsExactly(60 * 1024, 30 * 1024);
		assertThat(this.events.written).allMatch((bytes) -> bytes <= ClientOutbox.MAX_BATCH_BYTES);
	}

	@Test
	void aSessionPastItsHardLimitIsCutAsASlowConsumerWithItsBacklogDropped() {
		ClientSession session = session(1000, 2000);

		assertThat(session.deliver(new OutboundLine(new byte[900], 0))).isTrue();
		assertThat(session.deliver(new OutboundLine(new byte[900], 0))).isTrue();
		assertThat(session.deliver(new OutboundLine(new byte[900], 0))).isFalse();

		assertThat(session.closeReason()).isEqualTo(CloseReason.SLOW_CONSUMER);
		assertThat(session.deliver(line("after the cut"))).isFalse();
		this.drains.runAll();
		assertThat(this.wire.lines()).containsExactly("ERR too slow, disconnected");
		assertThat(this.wire.closed()).isTrue();
		assertThat(this.meters.get("switchboard.messages.dropped").tag("reason", "slow-consumer").counter().count())
			.isEqualTo(1);
	}

	@Test
	void aSessionWhoseWriteFailsIsAbortedAndTakesNoMoreLines() {
		ClientSession session = session(1000, 2000);
		this.wire.fail();

		session.send(Event.info("hello"));
		this.drains.runAll();

		assertThat(this.wire.aborted()).isTrue();
		assertThat(this.wire.closed()).as("not a graceful close").isFalse();
		assertThat(session.closeReason()).isEqualTo(CloseReason.ERROR);
		assertThat(session.send(Event.info("anyone?"))).isFalse();
		assertThat(session.outboxBytes()).isZero();
	}

	private ClientSession session(long soft, long hard) {
		ClientProperties limits = new ClientProperties(DataSize.ofBytes(soft), DataSize.ofBytes(hard), 10,
				Duration.ofSeconds(10), 0, 50, DataSize.ofBytes(0), DataSize.ofKilobytes(64), 20, Duration.ZERO, null,
				null);
		ClientRegistry registry = new ClientRegistry(10, new ClientRegistry.AddressLimits(0, 0, 0), 8192, limits,
				this.drains, this.metrics, ServerStalls.none(), "", AuditLog.OFF, ClientRegistry.Naming.ADDRESSES);
		return registry
			.open(Protocol.TCP, "10.0.0.1:1", "10.0.0.1", "lobby", this.wire,
					HubFixture.withDefaults().hub.lineDialect())
			.session();
	}

	private ClientOutbox outbox(long soft, long hard, OutboxBudget.Account account) {
		return new ClientOutbox(soft, hard, 0, account, this.drains, this.wire, this.events);
	}

	private static OutboundLine line(String text) {
		return new OutboundLine((text + "\n").getBytes(StandardCharsets.UTF_8), 0);
	}

	/** An executor whose tasks run when the test says. */
	private static final class Drains implements Executor {

		private final Queue<Runnable> tasks = new ArrayDeque<>();

		@Override
		public void execute(Runnable task) {
			this.tasks.add(task);
		}

		int pending() {
			return this.tasks.size();
		}

		void runAll() {
			Runnable task;
			while ((task = this.tasks.poll()) != null) {
				task.run();
			}
		}

	}

	/** What the outbox told its owner. */
	private static final class Events implements OutboxListener {

		final List<Integer> written = new ArrayList<>();

		final List<OutboundLine> overflowed = new ArrayList<>();

		final List<Exception> failures = new ArrayList<>();

		@Override
		public void written(List<OutboundLine> lines, int bytes) {
			this.written.add(bytes);
		}

		@Override
		public void overflowed(OutboundLine rejected) {
			this.overflowed.add(rejected);
		}

		@Override
		public void writeFailed(Exception ex) {
			this.failures.add(ex);
		}

	}

}
