package io.switchboard.shutdown;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.switchboard.core.ChatHub;
import io.switchboard.core.ClientRegistry;
import io.switchboard.core.ClientSession;
import io.switchboard.core.CloseReason;
import io.switchboard.transport.StreamTransport;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Runs first when the context closes (SIGTERM, Ctrl-C): readiness goes to
 * REFUSING_TRAFFIC; with {@code switchboard.shutdown.lame-duck} set, clients are then
 * closed one by one over that window ({@link LameDuck}); new clients are refused; every
 * client left gets {@code * server shutting down}; outboxes drain within the drain
 * timeout; TCP connections are closed with FIN. Only then do the listeners stop, and the
 * web server (actuator) stops last, since both have lower lifecycle phases.
 */
public class GracefulShutdown implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(GracefulShutdown.class);

	/**
	 * Half-closed stream clients get this long to close their side (then the transport
	 * closes).
	 */
	private static final Duration CLOSE_GRACE = Duration.ofMillis(StreamTransport.CLOSE_GRACE_MILLIS);

	private final ChatHub hub;

	private final ClientRegistry registry;

	private final ShutdownProperties properties;

	private final ApplicationEventPublisher publisher;

	private volatile boolean running;

	public GracefulShutdown(ChatHub hub, ClientRegistry registry, ShutdownProperties properties,
			ApplicationEventPublisher publisher) {
		this.hub = hub;
		this.registry = registry;
		this.properties = properties;
		this.publisher = publisher;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		long started = System.nanoTime();
		AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.REFUSING_TRAFFIC);
		Duration lameDuck = this.properties.lameDuck();
		if (lameDuck.isPositive()) {
			logger.info("Shutting down: closing " + this.registry.count() + " clients one by one over "
					+ lameDuck.toMillis() + " ms (lame duck)");
			int closed = new LameDuck(this.registry, lameDuck).run();
			logger.info("Lame duck: closed " + closed + " clients in "
					+ TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
		}
		int clients = this.registry.count();
		logger.info("Shutting down: notifying " + clients + " clients, draining up to "
				+ this.properties.drainTimeout().toMillis() + " ms");
		this.hub.stopAccepting();
		boolean drained = await(() -> this.registry.all().stream().allMatch(ClientSession::isDrained),
				this.properties.drainTimeout());
		this.registry.all().forEach((session) -> session.close(CloseReason.SHUTDOWN));
		boolean closed = await(() -> this.registry.count() == 0, CLOSE_GRACE);
		int left = this.registry.count();
		this.registry.all().forEach((session) -> session.abort(CloseReason.SHUTDOWN));
		logger.info("Shutdown of " + clients + " clients done in "
				+ TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms"
				+ (drained ? "" : "; drain timed out") + (closed ? "" : "; " + left + " closed forcibly"));
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Stop before everything else: the listeners and the web server keep working while
	 * clients are drained.
	 */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

	private static boolean await(BooleanSupplier condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
		}
		return true;
	}

}
