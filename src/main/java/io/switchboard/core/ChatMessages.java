package io.switchboard.core;

/**
 * What a message that passed the gate is: the sign-in ({@code /auth}), a command of the
 * line table ({@link LineCommands}), or a chat line for one of the sender's rooms
 * ({@link RoomSpeech}).
 */
final class ChatMessages {

	private final LineCommands commands;

	private final RoomSpeech speech;

	private final AuthGate auth;

	ChatMessages(ChatCommands commands, RoomSpeech speech, AuthGate auth) {
		this.auth = auth;
		this.commands = commands.lineCommands();
		this.speech = speech;
	}

	/**
	 * @param room the room it is about: a chat line goes there, and room commands
	 * ({@code /who}, {@code /history}, {@code /topic}) answer for it
	 */
	void handle(ClientSession session, String text, String room, long receivedNanos) {
		if (this.auth.intercepts(session, text)) {
			return;
		}
		LineCall call = LineCall.of(session, text, room, receivedNanos);
		Event refused = this.commands.refusal(call, this.auth.signedIn(session), session.membership().contains(room));
		if (refused != null) {
			session.send(refused);
		}
		else if (this.commands.isCommand(call)) {
			Event reply = this.commands.run(call);
			if (reply != null) {
				session.send(reply);
			}
		}
		else {
			refused = this.speech.say(session, room, text, receivedNanos, Event.Chat.Kind.SAY);
			if (refused != null) {
				session.send(refused);
			}
		}
	}

}
