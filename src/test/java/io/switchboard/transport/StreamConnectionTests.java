package io.switchboard.transport;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection's steps reach its door one at a time and in order, whether taken on the
 * event loop or handed over by a thread.
 */
class StreamConnectionTests {

	private final List<String> log = new ArrayList<>();

	/** Hand-overs are kept for the test to run, instead of on threads of their own. */
	private final List<Runnable> handOvers = new ArrayList<>();

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

	private final EmbeddedChannel channel = new EmbeddedChannel();

	private final StreamConnection connection = connection();

	@AfterEach
	void close() {
		this.channel.finishAndReleaseAll();
		this.scheduler.shutdownNow();
	}

	@Test
	void anItemTakenHereRunsAtOnceWhenNothingIsQueued() {
		this.connection.handHere(() -> this.log.add("frame"));
		assertThat(this.log).containsExactly("frame");
		assertThat(this.handOvers).isEmpty();
		assertThat(this.connection.isHanding()).isFalse();
	}

	@Test
	void whatItQueuesWhileTakenHereIsHandedOverAfterIt() {
		this.connection.handHere(() -> {
			// The door closed the connection: the close's step is queued meanwhile.
			this.connection.hand(() -> this.log.add("closed"));
			assertThat(this.handOvers).as("no hand-over while the frame runs").isEmpty();
			this.log.add("frame");
		});
		assertThat(this.log).containsExactly("frame");
		assertThat(this.handOvers).hasSize(1);
		this.handOvers.getFirst().run();
		assertThat(this.log).containsExactly("frame", "closed");
		assertThat(this.connection.isHanding()).isFalse();
	}

	@Test
	void anItemForHereQueuesBehindAHandOverInProgress() {
		this.connection.hand(() -> this.log.add("opened"));
		this.connection.handHere(() -> this.log.add("frame"));
		assertThat(this.log).as("nothing before the hand-over runs").isEmpty();
		assertThat(this.handOvers).hasSize(1);
		this.handOvers.getFirst().run();
		assertThat(this.log).containsExactly("opened", "frame");
		assertThat(this.connection.isHanding()).isFalse();
	}

	@Test
	void aFailingItemCostsTheOthersNothing() {
		this.connection.handHere(() -> {
			this.connection.hand(() -> this.log.add("closed"));
			throw new IllegalStateException("door bug");
		});
		this.handOvers.getFirst().run();
		assertThat(this.log).containsExactly("closed");
	}

	private StreamConnection connection() {
		StreamListenerSettings settings = new StreamListenerSettings("connection-test", "127.0.0.1", 0, 50, 0, 0, null,
				null, null, TcpFraming.LINE.cutting(1024));
		StreamListener listener = new StreamListener(settings, this.handOvers::add, this.scheduler);
		StreamConnection connection = new StreamConnection(this.channel, listener, false);
		// The embedded channel's peer is no IP address: the log of a door's failure needs
		// one.
		connection.proxied(new InetSocketAddress("192.0.2.1", 4000));
		return connection;
	}

}
