package io.switchboard.core;

import java.util.Locale;

/**
 * Room names compare ignoring ASCII case on every door, as IRC's channels do
 * ({@code CASEMAPPING=ascii}: {@code #Dev} and {@code #dev} are one channel) and as nicks
 * already did: each door hands the hub a name as the client wrote it, and the hub keeps
 * and shows it in lower case.
 */
public final class RoomNames {

	private RoomNames() {
	}

	/**
	 * The name a room is kept and shown under.
	 */
	public static String canonical(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

}
