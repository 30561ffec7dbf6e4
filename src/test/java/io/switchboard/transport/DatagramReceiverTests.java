package io.switchboard.transport;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.integration.channel.DirectChannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A UDP receiver stops before its flow without losing a datagram to "no subscribers":
 * stopping waits for the datagram being handled, and one handled afterwards is counted.
 */
class DatagramReceiverTests {

	private final AtomicInteger late = new AtomicInteger();

	private final AtomicInteger handled = new AtomicInteger();

	private final CountDownLatch release = new CountDownLatch(1);

	private final CountDownLatch entered = new CountDownLatch(1);

	private DatagramSocket socket;

	private DatagramReceiver receiver;

	@BeforeEach
	void start() throws Exception {
		this.socket = UdpSockets.unbound(64 * 1024);
		this.receiver = new DatagramReceiver(this.socket,
				() -> UdpSockets.bind(this.socket, "UDP test", "test.udp", "127.0.0.1", 0), "udp-test",
				this.late::incrementAndGet);
		DirectChannel flow = new DirectChannel();
		flow.subscribe((message) -> {
			this.entered.countDown();
			try {
				this.release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.handled.incrementAndGet();
		});
		this.receiver.setOutputChannel(flow);
		this.receiver.setBeanFactory(new DefaultListableBeanFactory());
		this.receiver.setApplicationEventPublisher((event) -> {
		});
		this.receiver.afterPropertiesSet();
		this.receiver.start();
		await().until(this.receiver::isListening);
	}

	@AfterEach
	void stop() {
		this.release.countDown();
		this.receiver.stop();
		this.socket.close();
	}

	@Test
	void stopWaitsForTheDatagramBeingHandled() throws Exception {
		send("first");
		assertThat(this.entered.await(10, TimeUnit.SECONDS)).isTrue();
		Thread stopper = Thread.ofPlatform().start(this.receiver::stop);
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(stopper::isAlive);
		this.release.countDown();
		stopper.join(5000);
		assertThat(stopper.isAlive()).isFalse();
		assertThat(this.handled).hasValue(1);
		assertThat(this.receiver.isListening()).as("the receive loop ended").isFalse();
	}

	@Test
	void aDatagramHandledAfterStopIsCountedAndNotSent() {
		this.release.countDown();
		this.receiver.stop();
		this.receiver.doSend(new DatagramPacket(new byte[] { 'x' }, 1, new InetSocketAddress("127.0.0.1", 9)));
		assertThat(this.late).hasValue(1);
		assertThat(this.handled).hasValue(0);
	}

	private void send(String text) throws Exception {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
			client.send(new DatagramPacket(bytes, bytes.length,
					new InetSocketAddress(InetAddress.getLoopbackAddress(), this.socket.getLocalPort())));
		}
	}

}
