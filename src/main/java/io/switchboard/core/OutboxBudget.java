package io.switchboard.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The server-wide output budget: what all outboxes together, and all outboxes of one
 * address, may hold ({@code switchboard.client.output-budget} and
 * {@code output-budget-per-address}), as Redis bounds its clients with
 * {@code maxmemory-clients} and NATS with {@code max_pending}. The per-client limits
 * alone let one address hold its 64 clients times 16 MB, past any heap.
 * <p>
 * Outboxes take the budget in chunks of {@value #CHUNK} bytes, give back what is more
 * than a chunk above what they hold as they drain, and the rest once idle (the watchdog's
 * sweep, once a second), so a line's way through an outbox touches no shared counter
 * unless its outbox crosses a chunk. When a chunk would take an address or the whole
 * server past its budget, an outbox that already holds more than one chunk is refused the
 * line (it overflows and its client is cut, as at its hard limit); a smaller one still
 * gets it, and a sweep cuts the clients with the largest outboxes (of that address, or of
 * the server) until the budget is back under seven eighths. So the clients that are cut
 * are the ones holding the most, never one that reads in step.
 * <p>
 * A line queued for several clients is counted once per outbox, as the per-client limits
 * count it, although a broadcast line is one array shared by them all: the budget is
 * conservative for big rooms and exact for replies (history, lists), which are made per
 * client.
 */
public final class OutboxBudget {

	private static final Log logger = LogFactory.getLog(OutboxBudget.class);

	/** The reason lines dropped and clients cut for the budget are counted under. */
	static final String DROPPED = "output-budget";

	/** How much an outbox takes of the budget at a time. */
	static final long CHUNK = 8 * 1024;

	/** Where an account stands after taking a chunk. */
	enum Verdict {

		/** Within the budget. */
		TAKEN,

		/** Over the budget, taken anyway (a small outbox): a sweep is due. */
		OVER,

		/** Over the budget and the outbox is large: nothing was taken. */
		REFUSED

	}

	private final long total;

	private final long perAddress;

	private final AtomicLong used = new AtomicLong();

	private final Map<String, Account> accounts = new ConcurrentHashMap<>();

	/** Clients without an address (Unix sockets): only the server's budget applies. */
	private final Account local = new Account(null);

	private final AtomicBoolean sweepDue = new AtomicBoolean();

	private final Executor sweeper;

	private final SwitchboardMetrics metrics;

	private volatile Supplier<Collection<ClientSession>> sessions = List::of;

	/**
	 * @param total bytes all outboxes together may hold
	 * @param perAddress bytes the outboxes of one address (IPv4 address, IPv6 /64) may
	 * hold
	 * @param sweeper where sweeps run (they never run on the thread that found the budget
	 * spent: that may be an event loop or a room's fan-out)
	 */
	OutboxBudget(long total, long perAddress, Executor sweeper, SwitchboardMetrics metrics) {
		this.total = total;
		this.perAddress = perAddress;
		this.sweeper = sweeper;
		this.metrics = metrics;
	}

	/**
	 * A budget that never runs out (tests of the outbox alone).
	 */
	static OutboxBudget unlimited() {
		return new OutboxBudget(Long.MAX_VALUE, Long.MAX_VALUE, Runnable::run,
				new SwitchboardMetrics(new SimpleMeterRegistry()));
	}

	/**
	 * The sessions a sweep chooses from.
	 */
	void sessions(Supplier<Collection<ClientSession>> sessions) {
		this.sessions = sessions;
	}

	/**
	 * The account of an address, for one more client of it.
	 * @param ip the client's IP address, null where there is none
	 */
	Account open(@Nullable String ip) {
		if (ip == null) {
			return this.local;
		}
		return this.accounts.compute(AddressPrefix.rateKey(ip), (key, account) -> {
			Account opened = (account != null) ? account : new Account(key);
			opened.clients++;
			return opened;
		});
	}

	/**
	 * One client fewer on the account; the account goes with its last client.
	 */
	void close(Account account) {
		if (account.key != null) {
			this.accounts.computeIfPresent(account.key, (key, held) -> (--held.clients > 0) ? held : null);
		}
	}

	/** Bytes taken by all outboxes (in chunks). */
	long used() {
		return this.used.get();
	}

	long total() {
		return this.total;
	}

	long perAddress() {
		return this.perAddress;
	}

	private void sweepSoon() {
		if (this.sweepDue.compareAndSet(false, true)) {
			this.sweeper.execute(this::sweep);
		}
	}

	/**
	 * Cut the clients with the largest outboxes until every address and the server are
	 * back under seven eighths of their budget. What clients being closed still hold is
	 * on its way back and counts as given back already (their closes are queued on their
	 * loops: cutting others for it would cut clients that did nothing). An outbox of at
	 * most a chunk is never cut: its client reads in step, and the budget went elsewhere.
	 */
	void sweep() {
		this.sweepDue.set(false);
		List<ClientSession> largestFirst = new ArrayList<>();
		long serverExcess = this.used.get() - this.total / 8 * 7;
		Map<Account, Long> addressExcess = new HashMap<>();
		for (ClientSession session : this.sessions.get()) {
			long held = session.outboxBytes();
			if (session.isClosing()) {
				serverExcess -= held;
				addressExcess.merge(session.outbox().account(), -held, Long::sum);
			}
			else if (held > CHUNK) {
				largestFirst.add(session);
			}
		}
		largestFirst.sort(Comparator.comparingLong(ClientSession::outboxBytes).reversed());
		for (ClientSession session : largestFirst) {
			Account account = session.outbox().account();
			long excess = (account.key != null)
					? account.used.get() - this.perAddress / 8 * 7 + addressExcess.getOrDefault(account, 0L)
					: Long.MIN_VALUE;
			if (serverExcess <= 0 && excess <= 0) {
				continue;
			}
			long held = session.outboxBytes();
			serverExcess -= held;
			addressExcess.merge(account, -held, Long::sum);
			cut(session, (excess > 0) ? "its address's outboxes above switchboard.client.output-budget-per-address"
					: "all outboxes above switchboard.client.output-budget");
		}
	}

	private void cut(ClientSession session, String why) {
		this.metrics.dropped(DROPPED);
		session.disconnectSlowConsumer(why);
	}

	/**
	 * What one address's outboxes (or the addressless clients') have taken of the budget.
	 */
	final class Account {

		private final @Nullable String key;

		private final AtomicLong used = new AtomicLong();

		/** Guarded by the accounts map's compute on this key. */
		private int clients;

		private Account(@Nullable String key) {
			this.key = key;
		}

		/**
		 * Take bytes of the budget for an outbox that holds {@code queued} bytes.
		 */
		Verdict take(long bytes, long queued) {
			long address = this.used.addAndGet(bytes);
			long server = OutboxBudget.this.used.addAndGet(bytes);
			boolean overAddress = this.key != null && address > OutboxBudget.this.perAddress;
			if (!overAddress && server <= OutboxBudget.this.total) {
				return Verdict.TAKEN;
			}
			if (queued > CHUNK) {
				give(bytes);
				if (logger.isDebugEnabled()) {
					logger.debug("Output budget spent (" + (overAddress ? "address " + this.key : "server")
							+ "): refusing a line to an outbox of " + queued + " bytes");
				}
				return Verdict.REFUSED;
			}
			sweepSoon();
			return Verdict.OVER;
		}

		void give(long bytes) {
			this.used.addAndGet(-bytes);
			OutboxBudget.this.used.addAndGet(-bytes);
		}

		long used() {
			return this.used.get();
		}

	}

}
