package io.switchboard.websocket;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Sizes the buffers Tomcat keeps for as long as a connection to the HTTP port lives,
 * which an idle WebSocket connection holds for hours: Tomcat's defaults (8 KiB each, five
 * of them, 40 KiB a connection) are made for HTTP responses, not for chat lines of a few
 * dozen bytes. Smaller buffers only split a long line into more reads and writes.
 */
@Configuration(proxyBeanMethods = false)
class ConnectionBuffers {

	/**
	 * Tomcat's WebSocket frame input buffer, output buffer and text encoder buffer, each
	 * allocated for every session (a line longer than this goes out as several frames of
	 * one message, which clients put together).
	 */
	static final int WEBSOCKET_BUFFER_BYTES = 512;

	/** The connector's read and write buffers of every socket. */
	static final int SOCKET_BUFFER_BYTES = 512;

	/**
	 * The system property Tomcat reads, once, when its WebSocket classes load; there is
	 * no other way to set those buffers.
	 */
	static final String WEBSOCKET_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

	/**
	 * Sets Tomcat's WebSocket buffer size unless the JVM was started with it
	 * ({@code -Dorg.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE=...} wins). A bean
	 * factory post-processor, because it must run before the web server starts and loads
	 * those classes; it is not conditional on the WebSocket door for the same reason (the
	 * container starts either way).
	 */
	@Bean
	static BeanFactoryPostProcessor websocketBufferSize() {
		return (beanFactory) -> {
			if (System.getProperty(WEBSOCKET_BUFFER_PROPERTY) == null) {
				System.setProperty(WEBSOCKET_BUFFER_PROPERTY, Integer.toString(WEBSOCKET_BUFFER_BYTES));
			}
		};
	}

	/**
	 * The connector reads straight into a larger destination (a request's header buffer,
	 * a WebSocket input buffer) and writes in chunks of its write buffer, so these only
	 * bound how much one system call moves. TLS connections enlarge them to a TLS record
	 * by themselves.
	 */
	@Bean
	TomcatConnectorCustomizer smallSocketBuffers() {
		return (connector) -> {
			for (String property : new String[] { "socket.appReadBufSize", "socket.appWriteBufSize" }) {
				if (!connector.setProperty(property, Integer.toString(SOCKET_BUFFER_BYTES))) {
					throw new IllegalStateException("Tomcat's connector has no property " + property);
				}
			}
		};
	}

}
