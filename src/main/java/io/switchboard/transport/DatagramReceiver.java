package io.switchboard.transport;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.springframework.integration.ip.udp.inbound.UnicastReceivingChannelAdapter;

/**
 * A UDP receiving adapter on a socket of its own that ends cleanly: its receive loop runs
 * on one thread with each datagram handled inline (a pool would reorder one sender's
 * datagrams), and stopping it waits until no datagram is still on its way into the flow.
 * A datagram that is handled once it stopped is counted by {@code late}, not sent: the
 * flow behind it stops right after it, and a datagram sent then failed with an ERROR and
 * a stack trace ("Dispatcher has no subscribers") at every busy shutdown. Its socket is
 * bound when it starts, not before: a context that only refreshes binds no port.
 */
public final class DatagramReceiver extends UnicastReceivingChannelAdapter {

	/** Longer than any one datagram's handling; a stop never waits for more. */
	private static final Duration IN_FLIGHT_WAIT = Duration.ofSeconds(2);

	private final AtomicInteger inFlight = new AtomicInteger();

	private final Runnable late;

	private final DatagramSocket socket;

	private final Runnable bind;

	private volatile boolean stopping;

	/**
	 * @param socket its socket, bound by {@code bind} when the adapter starts (e.g. made
	 * by {@link UdpSockets#unbound})
	 * @param bind binds the socket, or throws {@link ListenerBindException}
	 * @param threadName the receive loop's thread
	 * @param late counts a datagram that arrived while stopping
	 */
	public DatagramReceiver(DatagramSocket socket, Runnable bind, String threadName, Runnable late) {
		super(0);
		setSocket(socket);
		this.socket = socket;
		this.bind = bind;
		this.late = late;
		setTaskExecutor((task) -> {
			if (task == this) {
				Thread.ofPlatform().name(threadName).daemon().start(task);
			}
			else {
				task.run();
			}
		});
	}

	@Override
	protected void doStart() {
		this.stopping = false;
		if (!this.socket.isBound()) {
			this.bind.run();
		}
		super.doStart();
	}

	@Override
	protected void doSend(DatagramPacket packet) {
		this.inFlight.incrementAndGet();
		try {
			if (this.stopping) {
				this.late.run();
				return;
			}
			super.doSend(packet);
		}
		finally {
			this.inFlight.decrementAndGet();
		}
	}

	@Override
	protected void doStop() {
		this.stopping = true;
		// Closes the socket, which ends the receive loop.
		super.doStop();
		long deadline = System.nanoTime() + IN_FLIGHT_WAIT.toNanos();
		while (this.inFlight.get() > 0 && System.nanoTime() < deadline) {
			LockSupport.parkNanos(1_000_000);
		}
	}

}
