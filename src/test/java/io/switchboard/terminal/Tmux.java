package io.switchboard.terminal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * A real terminal for tests: a detached tmux session whose panes are typed into with
 * {@code send-keys} and read with {@code capture-pane}.
 */
public final class Tmux implements AutoCloseable {

	private final String session;

	public Tmux(String session) {
		this.session = session;
		run("new-session", "-d", "-s", session, "-x", "200", "-y", "50");
	}

	public static boolean available() {
		try {
			return new ProcessBuilder("tmux", "-V").start().waitFor() == 0;
		}
		catch (IOException | InterruptedException ex) {
			return false;
		}
	}

	/**
	 * Open another pane.
	 * @return its target, e.g. {@code session.1}
	 */
	public String split() {
		run("split-window", "-t", this.session);
		run("select-layout", "-t", this.session, "even-vertical");
		return this.session + "." + (panes() - 1);
	}

	public String firstPane() {
		return this.session + ".0";
	}

	public void type(String pane, String line) {
		run("send-keys", "-t", pane, "-l", line);
		run("send-keys", "-t", pane, "Enter");
	}

	public void key(String pane, String key) {
		run("send-keys", "-t", pane, key);
	}

	public String screen(String pane) {
		return run("capture-pane", "-p", "-S", "-1000", "-t", pane);
	}

	public void awaitText(String pane, String text, Duration timeout) {
		try {
			await().atMost(timeout).until(() -> screen(pane).contains(text));
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("\"" + text + "\" not shown in pane " + pane + " within " + timeout
					+ "; the pane shows:\n" + screen(pane), ex);
		}
	}

	private int panes() {
		return run("list-panes", "-t", this.session).strip().split("\n").length;
	}

	private static String run(String... arguments) {
		List<String> command = new ArrayList<>(List.of("tmux"));
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
			}
			return output;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		run("kill-session", "-t", this.session);
	}

}
