package io.switchboard.transport;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * A front door's listening socket as health and readiness see it: a door exposes one bean
 * per listener and it shows in {@code /actuator/health} as a component of its name, part
 * of the readiness group, with nothing else to configure.
 */
public interface Listener {

	/**
	 * The health component's name, e.g. {@code tcp} or {@code unixStream}.
	 */
	String name();

	/**
	 * Where it listens, as health details: {@code port} or {@code path} and its value.
	 */
	Map<String, Object> location();

	boolean isListening();

	/**
	 * A listener on a port, read when health is asked (a port of 0 is bound later).
	 */
	static Listener onPort(String name, IntSupplier port, BooleanSupplier listening) {
		return new Socket(name, () -> Map.of("port", port.getAsInt()), listening);
	}

	/**
	 * A listener on a socket file.
	 */
	static Listener onPath(String name, Path path, BooleanSupplier listening) {
		return new Socket(name, () -> Map.of("path", path.toString()), listening);
	}

	/**
	 * A listener described by suppliers.
	 */
	record Socket(String name, Supplier<Map<String, Object>> where, BooleanSupplier listening) implements Listener {

		@Override
		public Map<String, Object> location() {
			return this.where.get();
		}

		@Override
		public boolean isListening() {
			return this.listening.getAsBoolean();
		}

	}

}
