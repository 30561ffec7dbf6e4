package io.switchboard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code --readers N}: the TCP clients read by N platform threads, each with a selector
 * over its share, instead of a blocking reader on a virtual thread each. For thousands of
 * clients that each get a line at a time (a big room), a virtual thread's read costs a
 * park, an unpark and a re-registration with the JDK's poller per line, which on a
 * machine the server shares made the generator, not the server, what a line waited for; a
 * selector's channel stays registered and one wake-up reads every ready client.
 */
final class SelectorReaders implements AutoCloseable {

	private final List<Selector> selectors = new ArrayList<>();

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean running = true;

	/**
	 * Register every connection with one of {@code count} selectors in turn, then start a
	 * thread per selector that hands each bench message to its connection's sink.
	 */
	SelectorReaders(int count, List<BenchConnection> connections, Supplier<BenchConnection.Sink> sinks)
			throws IOException {
		for (int i = 0; i < count; i++) {
			this.selectors.add(Selector.open());
		}
		for (int i = 0; i < connections.size(); i++) {
			BenchConnection.Tcp connection = (BenchConnection.Tcp) connections.get(i);
			connection.register(this.selectors.get(i % count), new Reader(connection, sinks.get()));
		}
		for (Selector selector : this.selectors) {
			Thread thread = Thread.ofPlatform().name("bench-reader").daemon().start(() -> read(selector));
			this.threads.add(thread);
		}
	}

	/**
	 * Whether these connections can be read by selectors: plain TCP only.
	 */
	static boolean canRead(List<BenchConnection> connections) {
		return connections.stream().allMatch((c) -> c instanceof BenchConnection.Tcp tcp && tcp.selectable());
	}

	private void read(Selector selector) {
		long[] fields = new long[3];
		try {
			while (this.running) {
				selector.select((key) -> {
					Reader reader = (Reader) key.attachment();
					try {
						if (!reader.connection().readReady(fields, reader.sink())) {
							key.cancel(); // closed by the server
						}
					}
					catch (IOException ex) {
						key.cancel(); // reset by the server, or closed at the end of the
										// run
					}
				}, 100);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() throws IOException {
		this.running = false;
		for (Selector selector : this.selectors) {
			selector.wakeup();
		}
		for (Thread thread : this.threads) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		for (Selector selector : this.selectors) {
			for (SelectionKey key : selector.keys()) {
				key.cancel();
			}
			selector.close();
		}
	}

	private record Reader(BenchConnection.Tcp connection, BenchConnection.Sink sink) {
	}

}
