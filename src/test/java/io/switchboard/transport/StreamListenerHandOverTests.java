package io.switchboard.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.switchboard.core.CloseReason;
import io.switchboard.core.Frame;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A listener hands a frame its door takes at once over on the event loop, and every other
 * step on a virtual thread; either way one at a time and in the connection's order.
 */
@SpringJUnitConfig(StreamListenerHandOverTests.Config.class)
class StreamListenerHandOverTests {

	@Autowired
	StreamListener listener;

	@Autowired
	RecordingDoor door;

	@AfterEach
	void release() {
		this.door.reset();
	}

	@Test
	void aFrameTheDoorTakesAtOnceIsHandedOverOnTheEventLoop() throws IOException {
		try (Socket client = connect()) {
			send(client, "hello\n");
			await().until(() -> this.door.handled.size() == 1);
			Handled hello = this.door.handled.getFirst();
			assertThat(hello.text()).isEqualTo("hello");
			assertThat(hello.virtual()).isFalse();
			assertThat(hello.thread()).startsWith("switchboard-hand-over-test");
		}
	}

	@Test
	void aFrameTheDoorMayWaitOnGoesToAVirtualThread() throws IOException {
		try (Socket client = connect()) {
			send(client, "/command\n");
			await().until(() -> this.door.handled.size() == 1);
			assertThat(this.door.handled.getFirst().virtual()).isTrue();
		}
	}

	@Test
	void framesTakenAtOnceWaitForTheStepsQueuedBeforeThem() throws IOException {
		try (Socket client = connect()) {
			send(client, "/wait\n");
			await().until(() -> this.door.waiting.getCount() == 0);
			// The door blocks in /wait; the loop reads the lines behind it meanwhile.
			send(client, "one\ntwo\n");
			await().until(() -> this.door.asked.get() == 3);
			this.door.proceed.countDown();
			await().until(() -> this.door.handled.size() == 3);
			assertThat(this.door.handled).extracting(Handled::text).containsExactly("/wait", "one", "two");
			// Queued behind a step on a virtual thread, they were handed over there too.
			assertThat(this.door.handled).allMatch(Handled::virtual);
		}
	}

	private Socket connect() throws IOException {
		Socket client = new Socket("127.0.0.1", this.listener.getPort());
		// Opened, and the thread that handed that over gone: the next frame finds the
		// connection idle.
		await().until(() -> this.door.opened.get() != null && !this.door.opened.get().isHanding());
		return client;
	}

	private static void send(Socket client, String text) throws IOException {
		OutputStream out = client.getOutputStream();
		out.write(text.getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	record Handled(String text, String thread, boolean virtual) {
	}

	/**
	 * Takes lines at once unless they start with a slash; {@code /wait} blocks until the
	 * test lets it go.
	 */
	static final class RecordingDoor implements StreamDoor {

		final List<Handled> handled = new CopyOnWriteArrayList<>();

		final AtomicReference<@Nullable StreamConnection> opened = new AtomicReference<>();

		final AtomicInteger asked = new AtomicInteger();

		volatile CountDownLatch waiting = new CountDownLatch(1);

		volatile CountDownLatch proceed = new CountDownLatch(1);

		void reset() {
			this.handled.clear();
			this.opened.set(null);
			this.asked.set(0);
			this.proceed.countDown();
			this.waiting = new CountDownLatch(1);
			this.proceed = new CountDownLatch(1);
		}

		@Override
		public boolean takesAtOnce(StreamConnection connection, Frame frame) {
			this.asked.incrementAndGet();
			return frame.bytes().length == 0 || frame.bytes()[0] != '/';
		}

		void frame(StreamConnection connection, Frame frame) throws InterruptedException {
			String text = new String(frame.bytes(), StandardCharsets.UTF_8);
			if (text.equals("/wait")) {
				this.waiting.countDown();
				this.proceed.await(10, TimeUnit.SECONDS);
			}
			Thread current = Thread.currentThread();
			this.handled.add(new Handled(text, current.getName(), current.isVirtual()));
		}

		@Override
		public void opened(StreamConnection connection) {
			this.opened.set(connection);
		}

		@Override
		public void ended(StreamConnection connection, CloseReason reason, @Nullable Throwable cause) {
		}

		@Override
		public void closed(StreamConnection connection) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class Config {

		@Bean(destroyMethod = "shutdownNow")
		ScheduledExecutorService scheduler() {
			return Executors.newSingleThreadScheduledExecutor();
		}

		@Bean
		RecordingDoor door() {
			return new RecordingDoor();
		}

		@Bean
		StreamListener listener(ScheduledExecutorService scheduler, RecordingDoor door) {
			StreamListenerSettings settings = new StreamListenerSettings("hand-over-test", "127.0.0.1", 0, 50, 0, 0,
					null, null, null, TcpFraming.LINE.cutting(1024));
			StreamListener listener = new StreamListener(settings, (task) -> Thread.ofVirtual().start(task), scheduler);
			listener.setDoor(door);
			return listener;
		}

		@Bean
		IntegrationFlow handOverTestFlow(StreamListener listener, RecordingDoor door) {
			return IntegrationFlow.from(listener).handle(Frame.class, (frame, headers) -> {
				try {
					door.frame(StreamListener.connection(headers), frame);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return null;
			}).get();
		}

	}

}
