package io.switchboard.core;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FloodGateTests {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	@Test
	void aBurstOfBytesBeyondTheByteBurstIsRefusedAlthoughFewMessages() {
		FloodGate gate = new FloodGate(20, 50, 16 * 1024, 64 * 1024, ServerStalls.none());
		long now = System.nanoTime();
		int passed = 0;
		for (int i = 0; i < 50; i++) {
			if (gate.admit(now, 8190) == FloodVerdict.PASS) {
				passed++;
			}
		}
		assertThat(passed).as("64 KiB of 8190-byte lines").isEqualTo(8);
		assertThat(gate.admit(now + SECOND, 8190)).as("16 KiB/s refills two lines a second")
			.isEqualTo(FloodVerdict.PASS);
	}

	@Test
	void aRefusalForBytesDoesNotUseUpAMessage() {
		FloodGate gate = new FloodGate(20, 2, 1000, 1000, ServerStalls.none());
		long now = System.nanoTime();
		assertThat(gate.admit(now, 1000)).isEqualTo(FloodVerdict.PASS);
		assertThat(gate.admit(now, 1000)).isNotEqualTo(FloodVerdict.PASS);
		assertThat(gate.admit(now, 0)).as("the second message token is still there").isEqualTo(FloodVerdict.PASS);
	}

	@Test
	void whatQueuedWhileTheServerStalledIsNotChargedAsABurst() {
		ServerStalls stalls = ServerStalls.none();
		FloodGate stalled = new FloodGate(20, 50, 0, 1, stalls);
		FloodGate control = new FloodGate(20, 50, 0, 1, ServerStalls.none());
		long now = System.nanoTime();
		// 15 s of server stall: an honest client at 10 msg/s has 150 lines queued, which
		// arrive at once when the server wakes.
		stalls.stalled(15 * SECOND);
		int passed = 0;
		int passedWithoutCredit = 0;
		for (int i = 0; i < 150; i++) {
			passed += (stalled.admit(now, 10) == FloodVerdict.PASS) ? 1 : 0;
			passedWithoutCredit += (control.admit(now, 10) == FloodVerdict.PASS) ? 1 : 0;
		}
		assertThat(passed).isEqualTo(150);
		assertThat(passedWithoutCredit).as("without the credit only the burst passes").isEqualTo(50);
	}

	@Test
	void aStallIsCreditedOnce() {
		ServerStalls stalls = ServerStalls.none();
		FloodGate gate = new FloodGate(20, 50, 0, 1, stalls);
		long now = System.nanoTime();
		stalls.stalled(SECOND);
		int passed = 0;
		for (int i = 0; i < 200; i++) {
			passed += (gate.admit(now, 10) == FloodVerdict.PASS) ? 1 : 0;
		}
		assertThat(passed).as("burst plus one second at the rate").isEqualTo(70);
	}

	@Test
	void stallsLongPastAreNoCreditForAClientThatWasIdle() {
		ServerStalls stalls = ServerStalls.none();
		FloodGate gate = new FloodGate(20, 50, 16 * 1024, 64 * 1024, stalls);
		stalls.stalled(300 * SECOND);
		// Its next message comes after the stalls are history: only the burst passes.
		long later = System.nanoTime() + 2 * SECOND;
		int passed = 0;
		for (int i = 0; i < 200; i++) {
			passed += (gate.admit(later, 10) == FloodVerdict.PASS) ? 1 : 0;
		}
		assertThat(passed).isEqualTo(50);
	}

	@Test
	void creditForAStallLapsesIfNotSpent() {
		ServerStalls stalls = ServerStalls.none();
		FloodGate gate = new FloodGate(20, 50, 0, 1, stalls);
		long now = System.nanoTime();
		stalls.stalled(15 * SECOND);
		assertThat(gate.admit(now, 10)).isEqualTo(FloodVerdict.PASS);
		// Two seconds on, the rest of the 300 credited tokens are gone: the burst is back
		// to 50 (40 refilled at 20/s, capped at the burst).
		long later = now + 2 * SECOND;
		int passed = 0;
		for (int i = 0; i < 200; i++) {
			passed += (gate.admit(later, 10) == FloodVerdict.PASS) ? 1 : 0;
		}
		assertThat(passed).isEqualTo(50);
	}

	@Test
	void aStallStillGoingOnIsSeenBeforeTheMeterWakes() throws Exception {
		try (ServerStalls stalls = ServerStalls.start()) {
			long before = stalls.stalledNanos(System.nanoTime());
			// As a reader that woke first sees it: the meter last ticked a while ago.
			assertThat(stalls.stalledNanos(System.nanoTime() + 2 * SECOND) - before).isGreaterThan(SECOND + SECOND / 2);
		}
	}

}
