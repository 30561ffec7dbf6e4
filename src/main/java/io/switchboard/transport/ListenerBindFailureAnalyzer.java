package io.switchboard.transport;

import java.util.Objects;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * One clear message when a listener could not bind at start-up, as Spring Boot gives for
 * its own HTTP port: the address, why, and the setting to change. Registered in
 * {@code META-INF/spring.factories}.
 */
class ListenerBindFailureAnalyzer extends AbstractFailureAnalyzer<ListenerBindException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ListenerBindException cause) {
		String start = "Switchboard's " + cause.listener() + " listener could not listen on " + cause.address() + ": ";
		String setting = cause.setting();
		return switch (cause.reason()) {
			case PORT_IN_USE -> new FailureAnalysis(start + "the port is already in use.",
					"Stop what holds the port, or set " + setting + " to another port (0 picks a free one).", cause);
			case NO_SUCH_ADDRESS -> new FailureAnalysis(start + "this machine has no such address.",
					"Set " + setting + " to an address of this machine (0.0.0.0 listens on all of them).", cause);
			case PATH_IN_USE -> new FailureAnalysis(start + "another server is listening on it.",
					"Stop the other server, or set " + setting + " to another file.", cause);
			case OTHER -> new FailureAnalysis(start + causeMessage(cause) + ".",
					"Fix what the message says, or set " + setting + " to something this process may listen on.",
					cause);
		};
	}

	private static String causeMessage(ListenerBindException failure) {
		// Its type too: a FileAlreadyExistsException's message is only the file's name.
		Throwable cause = Objects.requireNonNullElse(failure.getCause(), failure);
		return cause.getClass().getSimpleName() + ": " + cause.getMessage();
	}

}
