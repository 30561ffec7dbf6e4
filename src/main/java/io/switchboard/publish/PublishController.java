package io.switchboard.publish;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;

import io.switchboard.core.ChatHub;
import io.switchboard.core.ChatProperties;
import io.switchboard.core.CloseReason;
import io.switchboard.core.RoomNames;
import io.switchboard.core.RoomPublishing;
import io.switchboard.core.SwitchboardMetrics;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/rooms/{room}/messages} with {@code {"text": "...", "from": "..."}}: a
 * service's line to a room, shown as {@code [from]}. Checked in this order: who is asking
 * (401, 403), the room and the body (400), the rate (429), the server and the room (503,
 * 404). The body is read only once the caller is known, and only so far: an anonymous
 * request cannot make the server parse a large document.
 */
@RestController
@ConditionalOnBooleanProperty(name = "switchboard.publish.enabled", matchIfMissing = true)
class PublishController {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

	private final ChatHub hub;

	private final PublisherAuthentication authentication;

	private final PublishRateLimit rateLimit;

	private final PublishProperties properties;

	private final ChatProperties chat;

	private final JsonMapper json;

	private final SwitchboardMetrics metrics;

	PublishController(ChatHub hub, PublisherAuthentication authentication, PublishRateLimit rateLimit,
			PublishProperties properties, ChatProperties chat, JsonMapper json, SwitchboardMetrics metrics) {
		this.hub = hub;
		this.authentication = authentication;
		this.rateLimit = rateLimit;
		this.properties = properties;
		this.chat = chat;
		this.json = json;
		this.metrics = metrics;
	}

	// JSON only: a page elsewhere cannot send it from a browser holding the admin's
	// cached credentials without a CORS preflight, which this server never grants.
	@PostMapping(path = "/api/rooms/{room}/messages", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<RoomPublishing.Published> publish(@PathVariable String room, HttpServletRequest request)
			throws IOException {
		PublisherAuthentication.Publisher publisher = this.authentication.authenticate(request);
		if (!NAME.matcher(room).matches()) {
			throw badRequest("room must be 1-32 of A-Z a-z 0-9 _ . -");
		}
		room = RoomNames.canonical(room);
		if (!publisher.mayPublish().test(room)) {
			throw new PublishRefusal(HttpStatus.FORBIDDEN, "you may not publish to room " + room);
		}
		PublishRequest message = read(request);
		String from = message.from();
		if (from == null || !NAME.matcher(from).matches()) {
			throw badRequest("from must be 1-32 of A-Z a-z 0-9 _ . - (it is shown as [from])");
		}
		String text = message.text();
		if (text == null || text.isEmpty()) {
			throw badRequest("text is missing or empty");
		}
		if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
			throw badRequest("text must be one line (no CR or LF): send one request per line");
		}
		int bytes = text.getBytes(this.chat.charset()).length;
		if (bytes > this.chat.maxMessageBytes()) {
			throw badRequest("text is " + bytes + " bytes in " + this.chat.charset().name()
					+ ", over switchboard.max-message-bytes (" + this.chat.maxMessageBytes() + ")");
		}
		long wait = this.rateLimit.take(publisher.key(), bytes);
		if (wait > 0) {
			this.metrics.dropped(CloseReason.FLOOD.tag());
			throw new PublishRefusal(HttpStatus.TOO_MANY_REQUESTS, "slow down, retry after " + wait + " s",
					Map.of(HttpHeaders.RETRY_AFTER, Long.toString(wait)));
		}
		if (!this.hub.isAccepting()) {
			throw new PublishRefusal(HttpStatus.SERVICE_UNAVAILABLE, "server shutting down");
		}
		RoomPublishing publishing = this.hub.publishing();
		if (this.properties.requireMembers() && !publishing.hasMembers(room)) {
			throw new PublishRefusal(HttpStatus.NOT_FOUND,
					"no one is in room " + room + " (switchboard.publish.require-members)");
		}
		RoomPublishing.Published published = publishing.publish(room, from, text);
		// In a cluster each node delivers it when it comes back from Redis: accepted,
		// not yet done.
		return ResponseEntity.status(published.cluster() ? HttpStatus.ACCEPTED : HttpStatus.OK).body(published);
	}

	@ExceptionHandler
	ResponseEntity<ErrorDescriptor> refused(PublishRefusal refusal) {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(refusal.status())
			.contentType(MediaType.APPLICATION_JSON);
		refusal.headers().forEach(response::header);
		return response.body(new ErrorDescriptor(refusal.getMessage()));
	}

	private PublishRequest read(HttpServletRequest request) throws IOException {
		// Room for the longest text with every character escaped (\\uXXXX), and the rest.
		int limit = 6 * this.chat.maxMessageBytes() + 1024;
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes(limit + 1);
		}
		if (body.length > limit) {
			throw new PublishRefusal(HttpStatus.CONTENT_TOO_LARGE, "request body over " + limit + " bytes");
		}
		try {
			PublishRequest message = this.json.readValue(body, PublishRequest.class);
			if (message == null) {
				throw badRequest("body must be {\"text\": \"...\", \"from\": \"...\"}");
			}
			return message;
		}
		catch (JacksonException ex) {
			throw badRequest("body must be JSON: {\"text\": \"...\", \"from\": \"...\"}");
		}
	}

	private static PublishRefusal badRequest(String reason) {
		return new PublishRefusal(HttpStatus.BAD_REQUEST, reason);
	}

	/**
	 * What a service sends.
	 */
	record PublishRequest(@Nullable String text, @Nullable String from) {
	}

	/**
	 * Why a request was refused.
	 */
	record ErrorDescriptor(String error) {
	}

}
