package io.switchboard.health;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.switchboard.transport.Listener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;

/**
 * Once the server is ready, one line says where it listens and where the web page is, so
 * a first run shows what to connect to without reading the log above it (ports of 0 shown
 * as bound).
 */
final class ReadyAnnouncement implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(ReadyAnnouncement.class);

	/**
	 * Read when ready, not when this bean is made, so no listener is made early for it.
	 */
	private final Supplier<List<Listener>> listeners;

	ReadyAnnouncement(Supplier<List<Listener>> listeners) {
		this.listeners = listeners;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		@Nullable Integer httpPort = (event.getApplicationContext() instanceof WebServerApplicationContext web
				&& web.getWebServer() != null) ? web.getWebServer().getPort() : null;
		String host = event.getApplicationContext().getEnvironment().getProperty("server.address", "localhost");
		logger.info(line(this.listeners.get(), httpPort, host));
	}

	/**
	 * {@code Switchboard ready: tcp 9999, udp 9999, irc 6667, echo 9007, websocket /ws;
	 * web page http://localhost:8080/}.
	 * @param httpPort the HTTP port, or null without a web server
	 * @param host the HTTP server's address, as the page's URL names it
	 */
	static String line(List<Listener> listeners, @Nullable Integer httpPort, String host) {
		String doors = listeners.stream()
			.map((listener) -> listener.name() + " " + where(listener.location()))
			.collect(Collectors.joining(", "));
		String page = (httpPort != null) ? "; web page http://" + urlHost(host) + ":" + httpPort + "/" : "";
		return "Switchboard ready: " + (doors.isEmpty() ? "no chat listener" : doors) + page;
	}

	private static String where(Map<String, Object> location) {
		Object where = location.getOrDefault("port", location.getOrDefault("path", "?"));
		return String.valueOf(where);
	}

	private static String urlHost(String host) {
		if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")) {
			return "localhost";
		}
		return host.contains(":") ? "[" + host + "]" : host;
	}

}
