package io.switchboard.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The core built by hand, as {@code HubConfiguration} builds it, with no Spring context
 * and no sockets: a {@link ChatHub} over a {@link ClientRegistry} whose outboxes drain on
 * the offering thread into {@link Wire}s, in-memory transports that record every line
 * written to them. The properties are bound with Spring Boot's {@link Binder} from a map,
 * so what a test does not set has the application's real defaults (bound once per
 * distinct map and shared, since the records are immutable).
 * <p>
 * One difference from the defaults: chat lines are formatted {@code {from} {text}} and
 * private ones {@code {from} -> {to}: {text}} (without {@code [{time}]}), so that tests
 * can compare whole lines.
 */
final class HubFixture {

	/**
	 * Properties bound so far, by the map they were bound from: they are immutable, and
	 * binding takes far longer than building a hub.
	 */
	private static final Map<Map<String, String>, Bound> BOUND = new ConcurrentHashMap<>();

	private static final Map<String, String> BASE = Map.of("switchboard.format", "{from} {text}",
			"switchboard.private-format", "{from} -> {to}: {text}");

	final ChatProperties chat;

	final HistoryProperties history;

	final LineProperties line;

	final ClientProperties client;

	final RoomsProperties rooms;

	final PrivateMessageProperties privateMessages;

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	final SwitchboardMetrics metrics = new SwitchboardMetrics(this.meters);

	final LineCodec codec;

	final ClientRegistry registry;

	final ChatHub hub;

	private static final ScheduledExecutorService SCHEDULER = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("hub-fixture-scheduler").factory());

	private final AtomicInteger addresses = new AtomicInteger();

	private HubFixture(Map<String, String> properties, ClusterBridge cluster) {
		Bound bound = BOUND.computeIfAbsent(Map.copyOf(properties), Bound::of);
		this.chat = bound.chat();
		this.history = bound.history();
		this.line = bound.line();
		this.client = bound.client();
		this.rooms = bound.rooms();
		this.privateMessages = bound.privateMessages();
		this.codec = new LineCodec(this.chat.charset());
		this.registry = new ClientRegistry(this.chat.maxClients(),
				new ClientRegistry.AddressLimits(this.chat.maxClientsPerIp(), this.chat.maxClientsPerIpv4Prefix(),
						this.chat.maxClientsPerIpv6Prefix()),
				this.chat.maxMessageBytes(), this.client, Runnable::run, this.metrics, ServerStalls.none(),
				ClusterBridge.LOCAL.clientIdSuffix(), AuditLog.OFF,
				new ClientRegistry.Naming(this.chat.anonymousNames(), false));
		RoomPolicies policies = new RoomPolicies(this.rooms, this.history.enabled() ? this.history.size() : 0);
		// No authenticator (AuthSettings.required() is false); the scheduler announces
		// stream clients that stay silent (ChatHub.ARRIVAL_GRACE).
		this.hub = new ChatHub(this.chat, this.history, this.line, this.client.maxRooms(), policies,
				new AuthSettings(null, SCHEDULER), this.registry, this.codec, this.metrics, cluster,
				this.privateMessages);
	}

	/**
	 * A hub with the application's defaults.
	 */
	static HubFixture withDefaults() {
		return with(Map.of());
	}

	/**
	 * A hub with these {@code switchboard.*} properties, the defaults for the rest.
	 */
	static HubFixture with(Map<String, String> properties) {
		return new HubFixture(properties, ClusterBridge.LOCAL);
	}

	/**
	 * A hub with the application's defaults, linked to other nodes through
	 * {@code cluster}.
	 */
	static HubFixture inCluster(ClusterBridge cluster) {
		return new HubFixture(Map.of(), cluster);
	}

	/**
	 * Connect a TCP line client from an address of its own, and forget what it was sent
	 * on arrival (the greeting).
	 * @throws AssertionError if it was refused
	 */
	Client join() {
		Client client = connect(nextAddress());
		if (client.session == null) {
			throw new AssertionError("refused: " + client.refusal());
		}
		client.wire.clear();
		return client;
	}

	/**
	 * Connect a TCP line client as {@code nick}, from an address of its own, its arrival
	 * lines forgotten.
	 */
	Client join(String nick) {
		Client client = join();
		client.send("/nick " + nick);
		client.wire.clear();
		return client;
	}

	/**
	 * Connect a TCP line client from {@code ip}; it may be refused.
	 */
	Client connect(String ip) {
		return connect(ip, this.hub.lineDialect());
	}

	/**
	 * Connect a TCP client that is spoken to in {@code dialect}, from {@code ip}; it may
	 * be refused.
	 */
	Client connect(String ip, Dialect dialect) {
		Wire wire = new Wire();
		Admission admission = this.hub.connect(Protocol.TCP, ip + ":40000", ip, wire, dialect, null, null);
		return new Client(this, admission, wire);
	}

	/**
	 * An IPv4 address no other client of this fixture has (one per /24, so neither the
	 * per-address nor the per-network limits count them together).
	 */
	String nextAddress() {
		int n = this.addresses.incrementAndGet();
		return "10." + (n / 250) + "." + (n % 250) + ".1";
	}

	/**
	 * A counter of {@code switchboard.messages.dropped} with this reason.
	 */
	double dropped(String reason) {
		var counter = this.meters.find("switchboard.messages.dropped").tag("reason", reason).counter();
		return (counter != null) ? counter.count() : 0;
	}

	/**
	 * The properties records bound from one map over {@link #BASE}.
	 */
	private record Bound(ChatProperties chat, HistoryProperties history, LineProperties line, ClientProperties client,
			RoomsProperties rooms, PrivateMessageProperties privateMessages) {

		static Bound of(Map<String, String> properties) {
			Map<String, String> all = new HashMap<>(BASE);
			all.putAll(properties);
			Binder binder = new Binder(new MapConfigurationPropertySource(all));
			return new Bound(binder.bindOrCreate("switchboard", ChatProperties.class),
					binder.bindOrCreate("switchboard.history", HistoryProperties.class),
					binder.bindOrCreate("switchboard.line", LineProperties.class),
					binder.bindOrCreate("switchboard.client", ClientProperties.class),
					binder.bindOrCreate("switchboard.rooms", RoomsProperties.class),
					binder.bindOrCreate("switchboard.private-messages", PrivateMessageProperties.class));
		}

	}

	/**
	 * One client as a test sees it: its session in the hub and the lines its transport
	 * was written.
	 */
	static final class Client {

		private final HubFixture fixture;

		final @Nullable ClientSession session;

		private final @Nullable OutboundLine refusal;

		final Wire wire;

		Client(HubFixture fixture, Admission admission, Wire wire) {
			this.fixture = fixture;
			this.session = admission.session();
			this.refusal = admission.refusal();
			this.wire = wire;
		}

		ClientSession session() {
			if (this.session == null) {
				throw new AssertionError("refused: " + refusal());
			}
			return this.session;
		}

		/**
		 * The line it was refused with, or null if it was admitted.
		 */
		@Nullable String refusal() {
			return (this.refusal != null) ? Wire.text(this.refusal) : null;
		}

		/**
		 * Send one line (without its LF) as the door would hand it to the hub.
		 */
		Client send(String text) {
			this.fixture.hub.receive(session(), text.getBytes(StandardCharsets.UTF_8), System.nanoTime());
			return this;
		}

		/**
		 * Every line written to it so far (each without its LF).
		 */
		List<String> lines() {
			return this.wire.lines();
		}

		/**
		 * The lines written to it since the last call (or since it joined), then forget
		 * them.
		 */
		List<String> take() {
			return this.wire.take();
		}

		/**
		 * Disconnect it as a door does when its connection ends.
		 */
		void leave() {
			this.fixture.hub.disconnected(session());
		}

	}

	/**
	 * An in-memory {@link ClientTransport}: records each write's lines, and whether it
	 * was closed gracefully or aborted. It can be made to fail its writes.
	 */
	static final class Wire implements ClientTransport {

		private final List<List<OutboundLine>> writes = new CopyOnWriteArrayList<>();

		private volatile int taken;

		private volatile boolean closed;

		private volatile boolean aborted;

		private volatile boolean failing;

		private boolean held;

		private @Nullable Runnable resume;

		@Override
		public synchronized boolean writable(Runnable resume) {
			if (this.held) {
				this.resume = resume;
			}
			return !this.held;
		}

		/** Take no more writes (a full socket) until {@link #release()}. */
		synchronized void hold() {
			this.held = true;
		}

		/** Take writes again, and resume the drain that found it full. */
		void release() {
			Runnable waiting;
			synchronized (this) {
				this.held = false;
				waiting = this.resume;
				this.resume = null;
			}
			if (waiting != null) {
				waiting.run();
			}
		}

		@Override
		public void write(List<OutboundLine> lines) throws IOException {
			if (this.failing) {
				throw new IOException("connection reset (a test's wire)");
			}
			this.writes.add(List.copyOf(lines));
		}

		@Override
		public void closeGracefully() {
			this.closed = true;
		}

		@Override
		public void abort() {
			this.aborted = true;
		}

		/** Make every write from now on fail. */
		void fail() {
			this.failing = true;
		}

		boolean closed() {
			return this.closed;
		}

		boolean aborted() {
			return this.aborted;
		}

		/** How many writes it was given. */
		int writes() {
			return this.writes.size();
		}

		List<String> lines() {
			List<String> lines = new ArrayList<>();
			for (List<OutboundLine> write : this.writes) {
				for (OutboundLine line : write) {
					lines.addAll(split(line));
				}
			}
			return lines;
		}

		synchronized List<String> take() {
			List<String> all = lines();
			List<String> fresh = List.copyOf(all.subList(this.taken, all.size()));
			this.taken = all.size();
			return fresh;
		}

		synchronized void clear() {
			this.taken = lines().size();
		}

		/** The bytes of every line written, as they went out. */
		List<OutboundLine> written() {
			return this.writes.stream().flatMap(List::stream).toList();
		}

		static String text(OutboundLine line) {
			return String.join("\n", split(line));
		}

		/** A line's text without its LF (a history block is several lines). */
		private static List<String> split(OutboundLine line) {
			String text = new String(line.bytes(), StandardCharsets.UTF_8);
			return List.of(text.split("\n"));
		}

	}

}
