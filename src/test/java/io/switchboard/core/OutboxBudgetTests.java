package io.switchboard.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The output budget on its own: clients whose sockets take nothing, lines offered until
 * the budget of their address or of the server is spent (no Spring, no sockets).
 */
class OutboxBudgetTests {

	private static final int LINE = 8 * 1024;

	private static final long PER_ADDRESS = 256 * 1024;

	private static final long TOTAL = 1024 * 1024;

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final ClientRegistry registry = new ClientRegistry(100, new ClientRegistry.AddressLimits(0, 0, 0), LINE,
			new ClientProperties(DataSize.ofMegabytes(1), DataSize.ofMegabytes(16), 10, Duration.ofSeconds(10), 0, 50,
					DataSize.ofBytes(0), DataSize.ofKilobytes(64), 20, Duration.ZERO, DataSize.ofBytes(TOTAL),
					DataSize.ofBytes(PER_ADDRESS)),
			Runnable::run, new SwitchboardMetrics(this.meters), ServerStalls.none(), "", AuditLog.OFF,
			ClientRegistry.Naming.ADDRESSES);

	@Test
	void oneAddressCannotQueueMoreThanItsBudgetAcrossItsClients() {
		List<ClientSession> attackers = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			attackers.add(open("10.0.0.1"));
		}

		long queued = 0;
		for (int round = 0; round < 64; round++) {
			for (ClientSession attacker : attackers) {
				if (attacker.deliver(line())) {
					queued += LINE;
				}
			}
		}

		long held = attackers.stream().filter((a) -> !a.isClosing()).mapToLong(ClientSession::outboxBytes).sum();
		assertThat(held).as("bytes the address's clients still hold").isLessThanOrEqualTo(PER_ADDRESS);
		assertThat(attackers).as("clients cut for the address's budget").anyMatch(ClientSession::isClosing);
		assertThat(queued).as("lines offered (8 clients x 64 lines of 8 KiB = 4 MiB)").isLessThan(8L * 64 * LINE);
		assertThat(this.meters.get("switchboard.messages.dropped").tag("reason", "output-budget").counter().count())
			.isPositive();
	}

	@Test
	void anotherAddressIsServedWhileOneHasSpentItsBudget() {
		ClientSession attacker = open("10.0.0.1");
		while (!attacker.isClosing()) {
			attacker.deliver(line());
		}
		ClientSession neighbour = open("10.0.0.2");

		for (int i = 0; i < 16; i++) {
			assertThat(neighbour.deliver(line())).isTrue();
		}

		assertThat(neighbour.isClosing()).isFalse();
		assertThat(neighbour.outboxBytes()).isEqualTo(16L * LINE);
	}

	@Test
	void theServerBudgetCutsTheLargestOutboxesFirst() {
		// Five addresses, each within its own budget, together just under the server's;
		// then clients that read in step (one line held each) take it past: the largest
		// outbox goes, they stay.
		List<ClientSession> large = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			ClientSession client = open("10.0.1." + i);
			for (int line = 0; line < 25; line++) {
				assertThat(client.deliver(line())).isTrue();
			}
			large.add(client);
		}
		assertThat(large).noneMatch(ClientSession::isClosing);
		List<ClientSession> inStep = new ArrayList<>();
		for (int i = 1; i <= 4; i++) {
			ClientSession client = open("10.0.2." + i);
			assertThat(client.deliver(line())).isTrue();
			inStep.add(client);
		}

		assertThat(inStep).noneMatch(ClientSession::isClosing);
		assertThat(large.stream().filter(ClientSession::isClosing).count()).as("large outboxes cut").isOne();
		assertThat(used()).as("the budget taken after the sweep").isLessThanOrEqualTo(TOTAL / 8 * 7 + 2 * LINE);
	}

	@Test
	void whatAClientBeingClosedHoldsCountsAsGivenBackSoNobodyElseIsCutForIt() {
		ClientSession leaving = open("10.0.0.5");
		for (int i = 0; i < 30; i++) {
			leaving.deliver(line()); // 240 KiB of the address's 256
		}
		leaving.markClosing(CloseReason.SLOW_CONSUMER); // its close not yet applied
		ClientSession reader = open("10.0.0.5");
		reader.deliver(line());
		reader.deliver(line()); // 16 KiB: more than a chunk, a reader a little behind

		ClientSession inStep = open("10.0.0.5");
		assertThat(inStep.deliver(line())).as("over the address's budget: a sweep runs").isTrue();

		assertThat(reader.isClosing()).isFalse();
		assertThat(inStep.isClosing()).isFalse();
	}

	@Test
	void anIdleOutboxGivesItsBudgetBack() {
		Stuck transport = new Stuck();
		ClientSession client = this.registry
			.open(Protocol.TCP, "10.0.0.9:1", "10.0.0.9", "lobby", transport, (event) -> line())
			.session();
		for (int i = 0; i < 10; i++) {
			client.deliver(line());
		}
		assertThat(used()).isGreaterThanOrEqualTo(10L * LINE);

		transport.release();
		client.outbox().releaseIfIdle();

		assertThat(client.outboxBytes()).isZero();
		assertThat(used()).isZero();
	}

	@Test
	void aClosedClientGivesItsBudgetBack() {
		ClientSession client = open("10.0.0.7");
		for (int i = 0; i < 10; i++) {
			client.deliver(line());
		}
		assertThat(used()).isGreaterThanOrEqualTo(10L * LINE);

		client.abort(CloseReason.ERROR);
		this.registry.remove(client);

		assertThat(used()).isZero();
	}

	private long used() {
		return (long) this.meters.get("switchboard.outbox.budget.used.bytes").gauge().value();
	}

	private ClientSession open(String ip) {
		ClientSession session = this.registry.open(Protocol.TCP, ip + ":1", ip, "lobby", new Stuck(), (event) -> line())
			.session();
		assertThat(session).isNotNull();
		return session;
	}

	private static OutboundLine line() {
		return new OutboundLine(new byte[LINE], 0);
	}

	/** A socket that takes nothing until released. */
	private static final class Stuck implements ClientTransport {

		private volatile boolean open;

		private @Nullable Runnable resume;

		@Override
		public void write(List<OutboundLine> lines) {
		}

		@Override
		public synchronized boolean writable(Runnable resume) {
			if (!this.open) {
				this.resume = resume;
			}
			return this.open;
		}

		synchronized void release() {
			this.open = true;
			if (this.resume != null) {
				this.resume.run();
			}
		}

		@Override
		public void closeGracefully() {
		}

		@Override
		public void abort() {
		}

	}

}
